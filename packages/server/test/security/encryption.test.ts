/** @module Tests of AES-256-GCM encryption: roundtrip, format, tamper and wrong-key detection. */
import { describe, expect, it } from 'vitest';
import { createCipher } from '../../src/security/encryption.js';

const cipher = createCipher('a-configuration-secret-key-of-decent-length');

/** Flips one character of a base64url part, keeping it valid base64url. */
function tamper(ciphertext: string, part: 1 | 2 | 3): string {
  const parts = ciphertext.split('.');
  const text = parts[part] ?? '';
  const first = text[0] === 'A' ? 'B' : 'A';
  parts[part] = `${first}${text.slice(1)}`;
  return parts.join('.');
}

describe('createCipher', () => {
  it('round-trips text, including empty and non-ASCII text', () => {
    for (const plaintext of ['mt_secret-token', '', 'Grüße 🚗 数据', 'x'.repeat(10_000)]) {
      expect(cipher.decrypt(cipher.encrypt(plaintext))).toBe(plaintext);
    }
  });

  it('writes v1.<iv>.<tag>.<data> in base64url with a 12-byte IV and 16-byte tag', () => {
    const ciphertext = cipher.encrypt('hello');
    const [version, iv, tag, data, ...rest] = ciphertext.split('.');
    expect(version).toBe('v1');
    expect(rest).toEqual([]);
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(data ?? '', 'base64url')).toHaveLength(5);
    expect(ciphertext).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(ciphertext).not.toContain('hello');
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('detects tampering with IV, tag or data', () => {
    const ciphertext = cipher.encrypt('the management token');
    for (const part of [1, 2, 3] as const) {
      expect(() => cipher.decrypt(tamper(ciphertext, part))).toThrow(/tampered/);
    }
  });

  it('refuses a different key', () => {
    const other = createCipher('another-configuration-secret-key-entirely');
    expect(() => other.decrypt(cipher.encrypt('secret'))).toThrow(/tampered|key/);
  });

  it('refuses malformed input', () => {
    const ciphertext = cipher.encrypt('secret');
    expect(() => cipher.decrypt(ciphertext.replace(/^v1/, 'v2'))).toThrow(/v1/);
    expect(() => cipher.decrypt(ciphertext.split('.').slice(0, 3).join('.'))).toThrow(/v1/);
    expect(() => cipher.decrypt('v1.AAAA.AAAA.AAAA')).toThrow(/malformed/);
    expect(() => cipher.decrypt('not a ciphertext')).toThrow();
  });

  it('refuses an empty key', () => {
    expect(() => createCipher('')).toThrow(/empty/);
  });
});
