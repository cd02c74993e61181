/** @module Password hashes: argon2id, the memory-hard KDF OWASP recommends, from `@node-rs/argon2`. */
import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); the parameters are stored in each hash. The
 * library's default algorithm is argon2id (its `Algorithm` is a const enum, which isolated modules
 * cannot read; a test checks the `$argon2id$` prefix).
 */
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/**
 * Checks a password against a stored hash. Without a hash (unknown account, or no password set yet)
 * a fixed hash is checked all the same, so the answer takes as long and does not tell which it was.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const matches = await verify(storedHash ?? (await decoyHash()), password);
  return storedHash !== null && matches;
}

let decoy: Promise<string> | undefined;

function decoyHash(): Promise<string> {
  decoy ??= hash('no account has this password', options);
  return decoy;
}
