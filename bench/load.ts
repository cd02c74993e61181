/**
 * @module HTTP load for the benchmarks: autocannon, run in the benchmark's own process while every
 * server under test runs in a child process of its own, so the generator never shares an event loop
 * with what it measures.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers outside 2xx plus connection errors and timeouts. */
  readonly failures: number;
}

/** Runs one closed-loop load (`connections` keep-alive connections, one request in flight on each). */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
  });
  return {
    requests: result.requests.total,
    // The total over the measured time, not autocannon's per-second mean: the same figure when
    // steady, and honest when a second was slow.
    requestsPerSecond: result.requests.total / (result.duration || options.seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** The runs of one side of a case, combined: mean throughput, the worst p99, every failure. */
export function combine(runs: readonly LoadResult[]): LoadResult {
  const mean = (pick: (run: LoadResult) => number): number => runs.reduce((sum, run) => sum + pick(run), 0) / Math.max(1, runs.length);
  return {
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    requestsPerSecond: mean((run) => run.requestsPerSecond),
    p50Ms: mean((run) => run.p50Ms),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}
