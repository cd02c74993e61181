/**
 * @module An owner going through Connect over real HTTP, without a browser: follows Carport's own
 * redirects with its cookies, posts each page's form, and stops at the redirect to the application.
 */

/** What the owner types and picks. */
export interface OwnerChoices {
  readonly make: string;
  readonly email: string;
  readonly password: string;
}

/** A cookie jar and the last page, for one owner's browser session. */
class ConnectSession {
  readonly #cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  /** Requests `url`, following redirects within Carport; answers the page, or the URL Carport redirects out to. */
  async go(url: string, init: { method: 'GET' } | { method: 'POST'; form: URLSearchParams } = { method: 'GET' }): Promise<{ html: string } | { leftFor: URL }> {
    let target = new URL(url, this.origin);
    let request = init;
    for (;;) {
      const response = await fetch(target, {
        method: request.method,
        redirect: 'manual',
        headers: { ...(this.#cookies.size === 0 ? {} : { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') }), ...(request.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(request.method === 'POST' ? { body: request.form.toString() } : {}),
      });
      this.#keepCookies(response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (location === null) {
        if (!response.ok) throw new Error(`Connect answered ${response.status} at ${target.pathname}: ${await response.text()}`);
        return { html: await response.text() };
      }
      await response.body?.cancel();
      target = new URL(location, target);
      if (target.origin !== this.origin || !/^\/(oauth|connect)\//.test(target.pathname)) return { leftFor: target };
      request = { method: 'GET' };
    }
  }

  #keepCookies(setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (value === '' || expired) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

/** The hidden `flow` and `csrf` fields of a Connect page (once each: the brand page's search form repeats `flow`), plus `extra`. */
function form(html: string, extra: Readonly<Record<string, string | readonly string[]>>): URLSearchParams {
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="(flow|csrf)" value="([^"]*)">/g)) fields.set(match[1] ?? '', match[2] ?? '');
  for (const [name, value] of Object.entries(extra)) for (const item of typeof value === 'string' ? [value] : value) fields.append(name, item);
  return fields;
}

function page(step: { html: string } | { leftFor: URL }): string {
  if ('leftFor' in step) throw new Error(`Connect left for ${step.leftFor.href} early`);
  return step.html;
}

/**
 * Opens `connectUrl` (a Carport `/oauth/authorize` URL): Continue, the brand, sign-in, and Approve
 * with the vehicles Connect pre-selects. Answers the redirect URI Connect sent the owner to, with
 * `?code=...&state=...`.
 */
export async function connectThroughConnect(connectUrl: string, owner: OwnerChoices): Promise<URL> {
  const session = new ConnectSession(new URL(connectUrl).origin);
  const preamble = page(await session.go(connectUrl));
  let next = page(await session.go('/connect/preamble', { method: 'POST', form: form(preamble, { action: 'continue' }) }));
  if (next.includes('id="brand-search"')) next = page(await session.go('/connect/brands', { method: 'POST', form: form(next, { make: owner.make }) }));
  const grant = page(await session.go('/connect/login', { method: 'POST', form: form(next, { username: owner.email, password: owner.password }) }));
  const chosen = [...grant.matchAll(/name="vehicle" value="([^"]+)" checked/g)].map((match) => match[1] ?? '');
  const done = await session.go('/connect/grant', { method: 'POST', form: form(grant, { action: 'approve', vehicle: chosen }) });
  if (!('leftFor' in done)) throw new Error(`Connect did not redirect after Approve: ${done.html.slice(0, 500)}`);
  return done.leftFor;
}
