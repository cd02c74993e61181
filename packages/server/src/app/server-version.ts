/** @module The version of the running server, from its package.json (`src/` and `dist/` both sit beside it). */
import { readFileSync } from 'node:fs';

/** Read once: the installed package does not change under a running process. */
let cached: string | undefined;

export function serverVersion(): string {
  if (cached !== undefined) return cached;
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  cached = typeof version === 'string' ? version : 'unknown';
  return cached;
}
