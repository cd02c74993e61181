/** @module A small closed-loop HTTP load generator for the benchmarks: N keep-alive workers for a fixed time on loopback. */
import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

export interface LoadResult {
  readonly label: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadOptions {
  readonly label: string;
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly concurrency: number;
  readonly durationMs: number;
  /** Requests sent before measuring, so JIT and caches are warm for both sides alike. */
  readonly warmupRequests?: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/** Runs the load and reports throughput and latency percentiles; every non-2xx answer counts as an error. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const once = (): Promise<boolean> =>
    new Promise((resolve, reject) => {
      const outgoing = request(options.url, { method: options.method ?? 'GET', headers: options.headers, agent }, (response) => {
        response.resume();
        response.on('end', () => {
          resolve((response.statusCode ?? 500) < 300);
        });
      });
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });
  for (let index = 0; index < (options.warmupRequests ?? 200); index += 1) await once();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      if (!(await once())) errors += 1;
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((left, right) => left - right);
  return {
    label: options.label,
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** One line per result, fixed columns. */
export function formatResult(result: LoadResult): string {
  return `${result.label.padEnd(44)} ${result.perSecond.toFixed(0).padStart(8)} req/s   p50 ${result.p50Ms.toFixed(2).padStart(7)} ms   p99 ${result.p99Ms.toFixed(2).padStart(7)} ms   errors ${result.errors}`;
}

/** Runs the load in a child process, the fair way on a small machine: the server keeps its own core. */
export function runLoadInChild(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'load-worker.ts'), JSON.stringify(options)], { maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error !== null) reject(new Error(`load worker failed: ${error.message}`));
      else resolve(JSON.parse(stdout) as LoadResult);
    });
  });
}
