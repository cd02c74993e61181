/**
 * @module The state and PKCE verifier of a redirect to a manufacturer's login. The state names the
 * flow (so the callback finds the flow's cookie) plus a nonce the flow remembers; the verifier is
 * derived from the state with the secret key, so it is never stored nor shown to the browser, yet
 * the callback can recompute it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken, type FlowState } from './flow-state.js';

/** Connect's path the manufacturer redirects back to (under the public URL's base path). */
export const manufacturerCallbackPath = '/connect/link/callback';

/** A new redirect: the flow with its nonce, and the state and challenge to send. */
export interface ManufacturerLoginStart {
  readonly flow: FlowState;
  readonly state: string;
  readonly codeChallenge: string;
}

function verifierOf(secretKey: string, state: string): string {
  // 32 bytes of HMAC in base64url: 43 characters, the shortest verifier RFC 7636 allows, of full entropy.
  return createHmac('sha256', secretKey).update(`carport manufacturer pkce v1: ${state}`).digest('base64url');
}

/** Begins a redirect for `flow`; each redirect gets a new nonce, so an older callback no longer matches. */
export function startManufacturerLogin(flow: FlowState, secretKey: string): ManufacturerLoginStart {
  const nonce = randomToken();
  const state = `${flow.flowId}.${nonce}`;
  const codeChallenge = createHash('sha256').update(verifierOf(secretKey, state)).digest('base64url');
  return { flow: { ...flow, linkNonce: nonce }, state, codeChallenge };
}

/** The flow id a callback's state names, or undefined when the state is not one Connect made. */
export function flowIdOfState(state: string | undefined): string | undefined {
  const match = state === undefined ? null : /^([A-Za-z0-9_-]{16,64})\.[A-Za-z0-9_-]{16,64}$/.exec(state);
  return match?.[1];
}

/** The PKCE verifier for a callback, when `state` is the one `flow`'s latest redirect sent; otherwise null. */
export function verifierForCallback(flow: FlowState, state: string, secretKey: string): string | null {
  if (flow.linkNonce === undefined) return null;
  const expected = Buffer.from(`${flow.flowId}.${flow.linkNonce}`);
  const actual = Buffer.from(state);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return verifierOf(secretKey, state);
}
