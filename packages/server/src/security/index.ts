/** @module Security primitives shared by the store and auth: secret generation, hashing, encryption. */
export { generateSecret, hashSecret, secretsEqual } from './tokens.js';
export { createCipher, type Cipher } from './encryption.js';
