/** @module Tests of secret generation, hashing and constant-time comparison. */
import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, secretsEqual } from '../../src/security/tokens.js';

describe('generateSecret', () => {
  it('returns 256 random bits as base64url', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });

  it('puts the prefix in front', () => {
    expect(generateSecret('mt_')).toMatch(/^mt_[A-Za-z0-9_-]{43}$/);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 1_000 }, () => generateSecret()));
    expect(secrets.size).toBe(1_000);
  });
});

describe('hashSecret', () => {
  it('is SHA-256 in hex', () => {
    // FIPS 180-2 test vector.
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is deterministic and does not contain the secret', () => {
    const secret = generateSecret();
    expect(hashSecret(secret)).toBe(hashSecret(secret));
    expect(hashSecret(secret)).not.toContain(secret);
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('secretsEqual', () => {
  it('accepts equal values', () => {
    const secret = generateSecret();
    expect(secretsEqual(secret, secret.slice(0))).toBe(true);
  });

  it('rejects values differing anywhere, including in length', () => {
    const secret = 'a'.repeat(43);
    expect(secretsEqual(secret, `${'a'.repeat(42)}b`)).toBe(false);
    expect(secretsEqual(secret, `b${'a'.repeat(42)}`)).toBe(false);
    expect(secretsEqual(secret, 'a'.repeat(10))).toBe(false);
    expect(secretsEqual(secret, `${secret}a`)).toBe(false);
    expect(secretsEqual(secret, '')).toBe(false);
    expect(secretsEqual('', '')).toBe(true);
  });
});
