/**
 * @module Which redirect URIs an application may register and Connect may send an owner back to:
 * absolute `https://` or `http://` URIs, or an app's own scheme (`sc<client id>://exchange`,
 * `com.example.app:/callback`), never a scheme that runs or embeds content, and never with a fragment
 * (RFC 6749 §3.1.2), which would swallow the `code` and `state` Connect appends.
 */

/** Schemes that run or embed content in the browser: never a redirect target or a form target. */
export const scriptCapableSchemes: ReadonlySet<string> = new Set(['javascript:', 'data:', 'blob:', 'filesystem:', 'vbscript:']);

/** Why `uri` cannot be a redirect URI, in Connect's words, or null when it can. */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `The redirect URI ${uri} is not an absolute URI (e.g. https://app.example/callback).`;
  }
  if (scriptCapableSchemes.has(url.protocol)) {
    return `The redirect URI ${uri} uses the ${url.protocol} scheme; use https://, http:// or an app's own scheme.`;
  }
  // The text rather than `url.hash`, which is empty for an empty fragment (`/cb#`).
  if (uri.includes('#')) return `The redirect URI ${uri} must not contain a fragment (#...).`;
  return null;
}
