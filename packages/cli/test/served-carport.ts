/** @module Runs the built `carport serve` as a child process on a free loopback port, as `npm start` would. */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { startBuiltCli } from './run-cli.js';

/** A port nothing listens on now (the kernel's pick; released at once for the child to take). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ServedCarport {
  /** `http://localhost:<port>`, the origin the README's commands use. */
  readonly origin: string;
  /** Everything the server printed so far (the demo banner, JSON log lines). */
  readonly stdout: () => string;
  /** SIGTERM, then waits for the process to exit; resolves its exit code. */
  readonly stop: () => Promise<number | null>;
}

/** Starts `carport serve` on `port` with `env`, resolving once it listens. */
export async function serveCarport(env: Record<string, string>, port: number): Promise<ServedCarport> {
  // PUBLIC_URL is left to its default, http://localhost:<PORT>, as on a user's machine.
  const child: ChildProcessWithoutNullStreams = startBuiltCli(['serve'], { ...env, PORT: String(port) });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`carport serve did not start; stdout: ${stdout}; stderr: ${stderr}`));
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('"msg":"carport listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`carport serve exited with ${String(code)}; stderr: ${stderr}`));
    });
  });
  return {
    origin: `http://localhost:${port}`,
    stdout: () => stdout,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
