/** @module Webhook signatures: `SC-Signature` over the raw body (what the official SDKs verify) and a timestamped signature receivers can use to refuse replays. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookSigningKeys } from '../store/index.js';

/** Header carrying hex HMAC-SHA256(management token, raw body), as the public API defines it. */
export const SIGNATURE_HEADER = 'SC-Signature';

/**
 * Carport's additional header, `t=<unix seconds>,v1=<hex HMAC-SHA256(management token, "<t>.<raw body>")>`.
 * Binding the send time into the signature lets a receiver refuse a captured request replayed later.
 * While a rotated management token's grace window lasts it carries one `v1` per token.
 */
export const TIMESTAMPED_SIGNATURE_HEADER = 'Carport-Signature';

/** How far a timestamp may be from the receiver's clock before {@link verifyTimestampedSignature} refuses it. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `message` keyed with `key` (the challenge answer and `SC-Signature` both use it). */
export function hmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

/**
 * The `SC-Signature` value of a raw body.
 * @example signBody(managementToken, '{"version":"2.0"}') // 64 hex characters
 */
export function signBody(key: string, rawBody: string): string {
  return hmacHex(key, rawBody);
}

/** The `Carport-Signature` value of a raw body sent at `unixSeconds`: one `v1` per key, in the order given. */
export function timestampedSignature(keys: string | readonly string[], rawBody: string, unixSeconds: number): string {
  const list = typeof keys === 'string' ? [keys] : keys;
  return [`t=${unixSeconds}`, ...list.map((key) => `v1=${hmacHex(key, `${unixSeconds}.${rawBody}`)}`)].join(',');
}

/**
 * The key `SC-Signature` (and a challenge's body) is signed with. During a rotation's grace window it
 * is the previous token: receivers that have not been given the new one yet keep verifying, and the
 * switch happens when the window the operator chose ends. The official SDK compares one value,
 * so this header cannot carry both.
 */
export function bodySigningKey(keys: WebhookSigningKeys): string {
  return keys.previous?.token ?? keys.current;
}

/** Every token a receiver may legitimately hold now: the current one first, then the previous one during its window. */
export function acceptedKeys(keys: WebhookSigningKeys): string[] {
  return keys.previous === null ? [keys.current] : [keys.current, keys.previous.token];
}

/** `SC-Signature` and `Carport-Signature` of a request sent at `unixSeconds`. */
export function signatureHeaders(keys: WebhookSigningKeys, rawBody: string, unixSeconds: number): Record<string, string> {
  return {
    [SIGNATURE_HEADER]: signBody(bodySigningKey(keys), rawBody),
    [TIMESTAMPED_SIGNATURE_HEADER]: timestampedSignature(acceptedKeys(keys), rawBody, unixSeconds),
  };
}

/** Constant-time comparison of two hex strings (false when lengths differ). */
export function hexEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a `Carport-Signature` header against the raw body: one of its signatures must match and
 * the timestamp must lie within `toleranceSeconds` of `nowSeconds`.
 * @example verifyTimestampedSignature(token, rawBody, request.headers['carport-signature'], { nowSeconds: Date.now() / 1000 })
 */
export function verifyTimestampedSignature(
  key: string,
  rawBody: string,
  header: string | undefined,
  options: { nowSeconds: number; toleranceSeconds?: number },
): boolean {
  if (header === undefined) return false;
  const parts = header.split(',').map((part) => part.trim().split('=', 2));
  const timestamp = parts.find(([name]) => name === 't')?.[1];
  const signatures = parts.filter(([name]) => name === 'v1').map(([, value]) => value ?? '');
  if (timestamp === undefined || signatures.length === 0 || !/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(options.nowSeconds - Number(timestamp)) > tolerance) return false;
  const expected = hmacHex(key, `${timestamp}.${rawBody}`);
  return signatures.some((signature) => hexEqual(signature, expected));
}
