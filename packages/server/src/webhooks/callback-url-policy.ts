/** @module Which callback URLs Carport will call: http(s) only, HTTPS in live mode, and no loopback, private or link-local hosts unless configured. */
import { isIP } from 'node:net';
import type { WebhookAddressClass } from '../config/setting-parsers.js';
import type { VehicleMode } from '../store/index.js';
import { addressRefusal } from './address-ranges.js';

/** A URL check's outcome: the normalised URL, or a sentence saying what is wrong. */
export type CallbackUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly problem: string };

/** Longest callback URL accepted (browsers and proxies cap URLs around this size). */
const MAX_URL_LENGTH = 2_048;

/**
 * Checks a callback URL before it is stored and again before every request. Host names are
 * resolved only when a request is made (see `safe-lookup.ts`), so a name that later resolves to a
 * refused address is caught there; literal addresses and `localhost` are refused here at once.
 */
export function checkCallbackUrl(raw: string, mode: VehicleMode, allowed: readonly WebhookAddressClass[]): CallbackUrlCheck {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, problem: `must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'must be an absolute http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'must be an http:// or https:// URL' };
  if (mode === 'live' && url.protocol !== 'https:') return { ok: false, problem: 'must use https:// for a live-mode webhook' };
  // Credentials in a URL end up in logs and dashboards; the signature authenticates Carport instead.
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'must not contain a user name or password' };
  if (url.hash !== '') return { ok: false, problem: 'must not contain a fragment (#...)' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const refusal = addressRefusal(host, allowed);
    if (refusal !== null) return { ok: false, problem: `is refused: ${refusal}` };
  } else if (isLocalhostName(host) && !allowed.includes('loopback')) {
    return { ok: false, problem: `is refused: ${host} is a loopback name; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include loopback to allow it` };
  }
  return { ok: true, url: url.href };
}

/** `localhost` and `*.localhost` always resolve to loopback (RFC 6761). */
function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
