/**
 * @module Carport in child processes for the fault tests: the real `carport serve` entry (run from
 * source, so the code under test is the worktree's), which a test can SIGKILL and start again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { redisUnreachable, redisUrl } from '../limits/redis-harness.js';

const cliEntry = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));

/** Every process sharing a database needs the same key (webhook signing keys are encrypted with it). */
export const faultTestSecretKey = 'fault-test-secret-key-0123456789abcdefghijkl';

/** How a process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `carport serve`. */
export interface ServerProcess {
  readonly name: string;
  /** `http://127.0.0.1:<port>` it listens on. */
  readonly origin: string;
  readonly port: number;
  /** Its JSON log lines so far (a line that is not JSON is kept as `{ text }`). */
  readonly log: readonly Record<string, unknown>[];
  /** How it ended, or null while it runs. */
  exit(): ProcessExit | null;
  /** SIGKILL: no draining, no cleanup, as when the machine loses it; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, the orderly end of a test (SIGKILL if it has not ended after a few seconds). */
  stop(): Promise<void>;
}

/**
 * Start-up costs seconds of CPU (tsx compiles the sources, Fastify compiles every route schema), and
 * many times that in wall time on a shared, busy machine.
 */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 8_000;

/** Children still running, killed when the test process exits however it ends, so none outlives it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Settings every fault-test process shares: loopback only, no demo application, no simulated live fleet. */
const baseEnv: Readonly<Record<string, string>> = {
  HOST: '127.0.0.1',
  PORT: '0',
  PUBLIC_URL: 'http://carport.test',
  CARPORT_SECRET_KEY: faultTestSecretKey,
  CARPORT_DEMO_APP: 'false',
  CARPORT_SIM_FLEET_SIZE: '0',
  LOG_LEVEL: 'info',
};

/**
 * The configuration two processes share: one database, and the shared Redis under `keyPrefix` when
 * it answers (without it each process counts limits on its own, which these tests do not depend on).
 */
export function sharedEnv(databaseUrl: string, keyPrefix: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, ...(redisUnreachable === undefined ? { REDIS_URL: redisUrl, CARPORT_REDIS_KEY_PREFIX: keyPrefix } : {}) };
}

/** Starts `carport serve` with `env` on a free loopback port; resolves once it listens. */
export async function startServerProcess(name: string, env: Readonly<Record<string, string>>): Promise<ServerProcess> {
  // Nothing inherited but PATH: the test decides the whole configuration.
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cliEntry, 'serve'], {
    env: { PATH: process.env.PATH ?? '', ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const log: Record<string, unknown>[] = [];
  let stderr = '';
  let ended: ProcessExit | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = { code, signal };
      running.delete(child);
      resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const lines = createInterface({ input: child.stdout });
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    lines.on('line', (line) => {
      const entry = parseLine(line);
      log.push(entry);
      if (entry.msg === 'carport listening' && typeof entry.address === 'string') {
        clearTimeout(timer);
        resolve(entry.address);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before listening (${JSON.stringify(ended)}); stderr: ${stderr}`));
    });
  });
  const origin = await listening;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (ended !== null) return;
    child.kill(signal);
    await exited;
  };
  return {
    name,
    origin,
    port: Number(new URL(origin).port),
    log,
    exit: () => ended,
    kill: () => end('SIGKILL'),
    async stop() {
      if (ended !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await end('SIGTERM');
      clearTimeout(timer);
    },
  };
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Not a log line (a stray print); kept as text.
  }
  return { text: line };
}

/** The log lines of `processes` carrying `message`. */
export function logLinesWith(processes: readonly ServerProcess[], message: string): Record<string, unknown>[] {
  return processes.flatMap((server) => server.log.filter((line) => line.msg === message));
}
