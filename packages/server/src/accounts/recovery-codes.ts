/** @module Recovery codes: one-time codes that replace an authenticator app once each; only their hashes are stored. */
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../security/tokens.js';

export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 10 lower-case base32 characters (50 bits each), shown once as `xxxxx-xxxxx`. */
export function generateRecoveryCodes(): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const characters = [...randomBytes(10)].map((byte) => alphabet[byte % 32] ?? 'a').join('');
    return `${characters.slice(0, 5)}-${characters.slice(5)}`;
  });
}

/** The stored form of a code as typed (spaces, dashes and case ignored). */
export function recoveryCodeHash(code: string): string {
  return hashSecret(code.toLowerCase().replace(/[\s-]+/g, ''));
}

/** Whether what was typed has the shape of a recovery code rather than a six-digit TOTP code. */
export function looksLikeRecoveryCode(code: string): boolean {
  return /^[a-z2-7]{10}$/i.test(code.replace(/[\s-]+/g, ''));
}
