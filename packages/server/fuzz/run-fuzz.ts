/**
 * @module One fuzz run: an app on a scratch SQLite database, a seeded world, and every operation of
 * its OpenAPI document (and its HTML pages) fuzzed in turn. Prototype pollution and heap growth are
 * checked over the whole run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFuzzApp, fuzzAdminToken } from './fuzz-app.js';
import { fuzzOperation, type Finding, type KnownIssue, type Tally } from './fuzz-operation.js';
import { FuzzWorld } from './fuzz-world.js';
import { documentOperations, pageOperations, type FuzzOperation } from './operations.js';
import { refuseOutboundConnections } from './outbound-guard.js';
import { prototypeChanges, prototypeSnapshot } from './prototype-snapshot.js';

export type { Finding, KnownIssue } from './fuzz-operation.js';

export interface FuzzOptions {
  /** Requests to generate in all, shared evenly between the operations (shrinking a finding sends more). */
  readonly requests: number;
  readonly seed: number;
  /** Longest an answer may take; default 5 s. */
  readonly timeoutMs?: number;
  /** Fuzz this operation only (its id as the summary prints it). */
  readonly only?: string;
  /** With `only`: replay one counterexample, as a finding's `path` gives it. */
  readonly replayPath?: string;
  /** Heap growth over the run (after garbage collection) that counts as a finding; default 64 MB. */
  readonly maxHeapGrowthMb?: number;
  readonly knownIssues?: readonly KnownIssue[];
  /** Progress lines, one per operation. */
  readonly progress?: (line: string) => void;
}

export interface HeapReport {
  /** False when the process runs without `--expose-gc`, so no reliable figure exists. */
  readonly measured: boolean;
  readonly startMb: number;
  readonly endMb: number;
  readonly limitMb: number;
}

export interface FuzzReport {
  readonly seed: number;
  readonly operations: number;
  readonly sent: number;
  /** Requests `inject` refused to build (a URL it cannot parse); nothing reached the app. */
  readonly unsendable: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly findings: readonly Finding[];
  readonly knownIssueHits: Readonly<Record<string, number>>;
  readonly heap: HeapReport;
  /** Properties added to or changed on the built-in prototypes during the run. */
  readonly pollution: readonly string[];
  /** Run-wide problems (pollution, heap growth) as sentences. */
  readonly runProblems: readonly string[];
  /** Operations whose runs were cut short by the per-operation time limit (fewer requests than asked). */
  readonly interrupted: readonly string[];
}

/**
 * Operations in run order. The admin API's act on the whole simulated fleet (its clock above all), so
 * they run last, where their effects cannot blur another operation's findings; moving the clock comes
 * last of all.
 */
export function inRunOrder(operations: readonly FuzzOperation[]): FuzzOperation[] {
  const rank = (operation: FuzzOperation): number => (operation.credential !== 'admin' ? 0 : operation.path.endsWith('/advance') ? 2 : 1);
  return [...operations].sort((left, right) => rank(left) - rank(right));
}

/** The Vehicle API's GET paths relative to a vehicle, and some that only look like one, for bodies that name endpoints. */
function vehiclePathsOf(operations: readonly FuzzOperation[]): string[] {
  const prefix = '/v2.0/vehicles/{id}';
  const paths = operations.filter((operation) => operation.method === 'GET' && operation.path.startsWith(prefix)).map((operation) => operation.path.slice(prefix.length) || '/');
  return [...paths, '/../user', '/TESLA/charge', '/odometer?unit=x', '//odometer', '/odometer/', '/batch', '/application', `/${'a'.repeat(5_000)}`];
}

function heapMb(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

/** Runs the fuzzer; the caller decides what findings mean (the CLI exits non-zero, the test fails). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const limitMb = options.maxHeapGrowthMb ?? 64;
  const restoreNetwork = refuseOutboundConnections();
  const prototypesBefore = prototypeSnapshot();
  const dataDir = mkdtempSync(join(tmpdir(), 'carport-fuzz-'));
  const app = await buildFuzzApp(dataDir);
  const tally: Tally = { sent: 0, unsendable: 0, statusCounts: {}, knownIssueHits: {} };
  const findings: Finding[] = [];
  const interrupted: string[] = [];
  try {
    await app.ready();
    const world = await FuzzWorld.seed(app, fuzzAdminToken);
    // The document as a client reads it, admin routes included (the fuzz app serves the admin API).
    const document: unknown = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const all = inRunOrder([...documentOperations(document), ...pageOperations(app)]);
    const operations = options.only === undefined ? all : all.filter((operation) => operation.id === options.only);
    if (operations.length === 0) throw new Error(`no operation is called ${options.only ?? ''}`);
    const target = { app, world, vehiclePaths: vehiclePathsOf(all), timeoutMs: options.timeoutMs ?? 5_000, knownIssues: options.knownIssues ?? [], tally };
    const startMb = heapMb();
    for (const [index, operation] of operations.entries()) {
      const numRuns = Math.floor(options.requests / operations.length) + (index < options.requests % operations.length ? 1 : 0);
      if (numRuns === 0) continue;
      const started = performance.now();
      const outcome = await fuzzOperation(target, operation, { seed: options.seed, numRuns, replayPath: options.replayPath });
      if (outcome.finding !== undefined) findings.push(outcome.finding);
      if (outcome.interrupted) interrupted.push(operation.id);
      options.progress?.(`${operation.id}: ${numRuns} runs in ${Math.round(performance.now() - started)} ms${outcome.finding === undefined ? '' : ', FINDING'}`);
    }
    const endMb = heapMb();
    const measured = globalThis.gc !== undefined;
    const pollution = prototypeChanges(prototypesBefore, prototypeSnapshot());
    const runProblems = [
      ...pollution.map((change) => `prototype pollution: ${change}`),
      ...(measured && endMb - startMb > limitMb ? [`the heap grew by ${Math.round(endMb - startMb)} MB (limit ${limitMb} MB)`] : []),
    ];
    return {
      seed: options.seed, operations: operations.length, sent: tally.sent, unsendable: tally.unsendable, statusCounts: tally.statusCounts, findings,
      knownIssueHits: tally.knownIssueHits, heap: { measured, startMb, endMb, limitMb }, pollution, runProblems, interrupted,
    };
  } finally {
    await app.close();
    restoreNetwork();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
