/** @module Random secrets (client secrets, tokens, codes), their storage hash and a constant-time compare. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Bytes of randomness in every generated secret: 256 bits, beyond any guessing or collision. */
const SECRET_BYTES = 32;

/**
 * Generates a fresh random secret: 256 bits from the OS CSPRNG, base64url-encoded (43 characters),
 * optionally behind a readable prefix (e.g. `mt_`) so leaked values can be recognised by scanners.
 */
export function generateSecret(prefix = ''): string {
  return `${prefix}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/**
 * Hashes a secret for storage: SHA-256, hex. Every secret Carport hashes is a high-entropy random
 * value it generated itself (never a human password), so a slow password hash (bcrypt, scrypt,
 * argon2) would add nothing against brute force; a fast deterministic hash is right, and it lets
 * the store look a presented token up by its hash through a unique index.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Compares two secrets in time independent of where they differ. Both sides are hashed first so
 * the compared buffers always have the same length, which `timingSafeEqual` requires and which
 * also hides the length of the expected value.
 */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a, 'utf8').digest();
  const right = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(left, right);
}
