/** @module Starts a benchmark server in a child process of its own and waits for it to say where it listens. */
import { fork } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { cpuQuestion, type CpuAnswer } from './servers/cpu-report.js';

/** What a server child sends once it serves. */
export interface ServerReady {
  readonly url: string;
  readonly accessToken?: string;
  readonly vehicleId?: string;
}

export interface ServerProcess extends ServerReady {
  /** CPU time the server (with its cluster workers) has used so far, microseconds. */
  cpuMicros(): Promise<number>;
  /** SIGTERM, then waits for the exit (a graceful stop flushes the log). */
  stop(): Promise<void>;
}

/**
 * Forks `bench/servers/<script>` (tsx compiles the script; the server is the build in `dist`) with `env` added to this process's environment; its
 * standard output (the log lines) goes to `logFile` when given, as a shipper would read it, and is
 * dropped otherwise.
 */
export function startServerProcess(script: string, env: Record<string, string>, logFile?: string): Promise<ServerProcess> {
  const output = openSync(logFile ?? '/dev/null', 'a');
  const child = fork(join(import.meta.dirname, 'servers', script), [], {
    // Without `--conditions=source`, `@carport/server` is the built package `carport serve` runs.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`])],
    env: { ...process.env, ...env },
    stdio: ['ignore', output, 'inherit', 'ipc'],
  });
  closeSync(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => { reject(new Error(`${script} exited with ${String(code)} before serving`)); });
    child.once('message', (message) => {
      const ready = message as ServerReady;
      resolve({
        ...ready,
        cpuMicros: () =>
          new Promise((answered) => {
            const listener = (reply: unknown): void => {
              if (typeof reply !== 'object' || reply === null || !('cpuMicros' in reply)) return;
              child.off('message', listener);
              answered((reply as CpuAnswer).cpuMicros);
            };
            child.on('message', listener);
            child.send(cpuQuestion);
          }),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
