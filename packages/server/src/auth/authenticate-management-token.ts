/** @module Resolves an application's management token from an Authorization header. */
import type { ApplicationRecord, ApplicationRepository } from '../store/index.js';

export type ManagementRefusal = 'missing' | 'malformed' | 'unknown';

export type ManagementResult = { readonly ok: true; readonly application: ApplicationRecord } | { readonly ok: false; readonly refusal: ManagementRefusal };

/** The user name the official SDK puts before the token in its Basic header. */
const managementUser = 'default';

/**
 * Extracts the token from `Basic base64("default:" + token)` (the Management API's documented form,
 * sent by the official SDK) or `Bearer <token>` (webhook unsubscribe sends this form).
 */
export function managementTokenFrom(authorization: string | undefined): { readonly token: string } | { readonly refusal: ManagementRefusal } {
  if (authorization === undefined || authorization.trim() === '') return { refusal: 'missing' };
  const [scheme, value] = authorization.trim().split(/ +/, 2);
  if (value === undefined || scheme === undefined) return { refusal: 'malformed' };
  if (scheme.toLowerCase() === 'bearer') return { token: value };
  if (scheme.toLowerCase() !== 'basic') return { refusal: 'malformed' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0 || decoded.slice(0, separator) !== managementUser) return { refusal: 'malformed' };
  const token = decoded.slice(separator + 1);
  return token === '' ? { refusal: 'malformed' } : { token };
}

/** Finds the application whose management token the header carries (looked up by hash). */
export async function authenticateManagementToken(authorization: string | undefined, applications: ApplicationRepository): Promise<ManagementResult> {
  const extracted = managementTokenFrom(authorization);
  if ('refusal' in extracted) return { ok: false, refusal: extracted.refusal };
  const application = await applications.findByManagementToken(extracted.token);
  return application === null ? { ok: false, refusal: 'unknown' } : { ok: true, application };
}
