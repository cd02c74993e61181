/** @module The optional second factor: RFC 6238 TOTP codes (`otpauth`), as authenticator apps compute them. */
import { Secret, TOTP } from 'otpauth';

/** What authenticator apps show as the account's issuer. */
const ISSUER = 'Carport';

function totpOf(secret: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** A fresh 160-bit secret, base32 as apps take it when typed. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an app scans or opens to add the account. */
export function totpUri(secret: string, email: string): string {
  return totpOf(secret, email).toString();
}

/** Whether `code` is the account's code now, one period either side allowed for clock drift. */
export function totpCodeMatches(secret: string, code: string, now: Date): boolean {
  const digits = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(digits)) return false;
  return totpOf(secret, '').validate({ token: digits, timestamp: now.getTime(), window: 1 }) !== null;
}
