/**
 * @module A Redis server of the test's own, on a free loopback port, which the test may stop and
 * start again (the machine's shared Redis serves other tests and must stay up). Nothing persists:
 * a restarted server starts empty, as one that lost its memory does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { describe } from 'vitest';

/** Why `redis-server` cannot be run here, or undefined when it can. */
export const redisServerMissing: string | undefined = ((): string | undefined => {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0 ? undefined : (probe.error?.message ?? `exit ${String(probe.status)}`);
})();

/** `describe` for tests that run their own Redis: skipped with the reason without `redis-server`, except on CI. */
export function describeWithRedisServer(title: string, body: () => void): void {
  if (redisServerMissing === undefined || (process.env.CI !== undefined && process.env.CI !== '')) describe(title, body);
  else describe.skip(`${title} (skipped: redis-server cannot run: ${redisServerMissing})`, body);
}

export interface PrivateRedis {
  readonly url: string;
  /** Kills the server (SIGKILL: no goodbye to its clients). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Starts a private `redis-server`; `stop()` it after the test. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmpdir()], { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => {
        reject(new Error(`redis-server exited with ${String(code)}: ${output}`));
      });
    });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = server;
      server = undefined;
      if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
      running.kill('SIGKILL');
      await once(running, 'exit');
    },
    start,
  };
}
