/** @module PKCE (RFC 7636): only the S256 method, the one that protects a code intercepted in transit. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Challenge methods Carport accepts; `plain` offers no protection against an intercepted challenge. */
export const supportedChallengeMethods = ['S256'] as const;

const verifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;
const challengePattern = /^[A-Za-z0-9_-]{43}$/;

/** True when `challenge` has the form of a base64url SHA-256 digest. */
export function isValidChallenge(challenge: string): boolean {
  return challengePattern.test(challenge);
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Checks a verifier against the stored challenge, in constant time. */
export function verifierMatches(challenge: string, verifier: string): boolean {
  if (!verifierPattern.test(verifier)) return false;
  const expected = Buffer.from(challenge);
  const actual = Buffer.from(challengeOf(verifier));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
