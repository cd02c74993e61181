/** @module Authenticated encryption (AES-256-GCM) for the few secrets that must be recoverable. */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts and decrypts text with one key; see {@link createCipher}. */
export interface Cipher {
  /** Encrypts `plaintext`; each call uses a fresh IV, so equal inputs give different outputs. */
  encrypt(plaintext: string): string;
  /** Decrypts a value made by `encrypt` with the same key; throws if it was altered or the key differs. */
  decrypt(ciphertext: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * HKDF context label: binds the derived key to this purpose and format version, so the same
 * configured secret key can later feed other derivations without their keys colliding.
 */
const HKDF_INFO = 'carport/store-encryption/v1';
/** A fixed, public salt; the input key material is the secret, the salt only domain-separates. */
const HKDF_SALT = 'carport';

/**
 * Creates a cipher keyed by `secretKey` (from configuration). The AES-256 key is derived with
 * HKDF-SHA256 so any sufficiently random string works as configuration. Output format:
 * `v1.<iv>.<tag>.<ciphertext>`, each part base64url; the version prefix leaves room to change
 * algorithm or key later while still reading old values.
 */
export function createCipher(secretKey: string): Cipher {
  if (secretKey.length === 0) {
    throw new Error('createCipher: the secret key must not be empty');
  }
  const key = Buffer.from(hkdfSync('sha256', secretKey, HKDF_SALT, HKDF_INFO, 32));

  return {
    encrypt(plaintext: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.');
    },

    decrypt(ciphertext: string): string {
      const parts = ciphertext.split('.');
      const [version, ivText, tagText, dataText] = parts;
      if (parts.length !== 4 || version !== VERSION || ivText === undefined || tagText === undefined || dataText === undefined) {
        throw new Error('decrypt: not a v1 ciphertext');
      }
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new Error('decrypt: malformed ciphertext');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        const data = Buffer.from(dataText, 'base64url');
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch (error) {
        // GCM authentication failed: altered data, IV or tag, or a different key.
        throw new Error('decrypt: ciphertext was tampered with or the key is wrong', { cause: error });
      }
    },
  };
}
