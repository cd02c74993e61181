/** @module Webhook signatures: `SC-Signature` over the raw body (what the official SDKs verify) and a timestamped signature receivers can use to refuse replays. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying hex HMAC-SHA256(management token, raw body), as the public API defines it. */
export const SIGNATURE_HEADER = 'SC-Signature';

/**
 * Carport's additional header, `t=<unix seconds>,v1=<hex HMAC-SHA256(management token, "<t>.<raw body>")>`.
 * Binding the send time into the signature lets a receiver refuse a captured request replayed later.
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

/** The `Carport-Signature` value of a raw body sent at `unixSeconds`. */
export function timestampedSignature(key: string, rawBody: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(key, `${unixSeconds}.${rawBody}`)}`;
}

/** Constant-time comparison of two hex strings (false when lengths differ). */
export function hexEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks a `Carport-Signature` header against the raw body: the signature must match and the
 * timestamp must lie within `toleranceSeconds` of `nowSeconds`.
 * @example verifyTimestampedSignature(token, rawBody, request.headers['carport-signature'], { nowSeconds: Date.now() / 1000 })
 */
export function verifyTimestampedSignature(
  key: string,
  rawBody: string,
  header: string | undefined,
  options: { nowSeconds: number; toleranceSeconds?: number },
): boolean {
  if (header === undefined) return false;
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
  const timestamp = parts.get('t');
  const signature = parts.get('v1');
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(options.nowSeconds - Number(timestamp)) > tolerance) return false;
  return hexEqual(signature, hmacHex(key, `${timestamp}.${rawBody}`));
}
