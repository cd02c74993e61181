/** @module A run without PostgreSQL or Redis skips their suites and says why, in the output a developer reads. */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');
const vitest = join(repositoryRoot, 'node_modules', 'vitest', 'vitest.mjs');

/** A loopback port nothing listens on (the kernel's pick, released at once). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

/** Runs one test file in a Vitest of its own, as `npm test` would outside CI; resolves everything it printed. */
function runTestFile(file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|CI$|CARPORT_TEST_|NODE_OPTIONS$)/.test(name)));
  const child = spawn(process.execPath, [vitest, 'run', file], { cwd: repositoryRoot, env: { ...inherited, NO_COLOR: '1', ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

describe('tests that need a service that is not running', () => {
  it('skip, printing which service is unreachable at which address and why', async () => {
    const [postgresPort, redisPort] = [await closedPort(), await closedPort()];
    const postgres = await runTestFile('packages/server/test/faults/concurrent-refresh.test.ts', { CARPORT_TEST_POSTGRES_URL: `postgres://postgres@127.0.0.1:${postgresPort}/postgres` });
    expect(postgres.code).toBe(0);
    expect(postgres.output).toContain(`(skipped: PostgreSQL unreachable at postgres://postgres@127.0.0.1:${postgresPort}/postgres: connect ECONNREFUSED 127.0.0.1:${postgresPort})`);
    const redis = await runTestFile('packages/server/test/faults/redis-faults.test.ts', { CARPORT_TEST_REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    expect(redis.code).toBe(0);
    expect(redis.output).toContain(`Redis faults (skipped: Redis unreachable at redis://127.0.0.1:${redisPort}: connect ECONNREFUSED 127.0.0.1:${redisPort})`);
  }, 240_000);
});
