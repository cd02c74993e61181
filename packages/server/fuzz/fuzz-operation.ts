/**
 * @module Fuzzing one operation: a fast-check property ("every answer passes the response checks")
 * run for a number of requests; a failure is shrunk and kept as a finding with the seed and path that
 * replay it. Requests that disconnect or delete are followed by healing the seeded world.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { FuzzWorld } from './fuzz-world.js';
import type { FuzzOperation } from './operations.js';
import { requestsFor, type FuzzRequest } from './request-arbitrary.js';
import { responseProblems, type AnswerShape } from './response-checks.js';
import { sendRequest, type Sent } from './send-request.js';

/** A behaviour someone is already fixing: its findings are counted, not reported, until the fix lands. */
export interface KnownIssue {
  readonly name: string;
  /** A finding this issue explains. */
  readonly matches?: (request: FuzzRequest, problems: readonly string[], operation: FuzzOperation) => boolean;
  /**
   * A request not to send at all, for an issue that spoils later answers rather than its own
   * (state shared by every request, such as the simulated clock).
   */
  readonly avoid?: (request: FuzzRequest, operation: FuzzOperation) => boolean;
}

export interface Finding {
  readonly operation: string;
  /** Replays it: `npm run fuzz -- --seed <seed> --only <operation> --path <path>`. */
  readonly seed: number;
  readonly path: string;
  readonly request: FuzzRequest;
  readonly statusCode: number | null;
  readonly problems: readonly string[];
  /** The start of the answer's body. */
  readonly body: string;
}

/** Counters shared by every operation of a run. */
export interface Tally {
  sent: number;
  unsendable: number;
  readonly statusCounts: Record<string, number>;
  readonly knownIssueHits: Record<string, number>;
}

export interface FuzzTarget {
  readonly app: FastifyInstance;
  readonly world: FuzzWorld;
  /** Vehicle paths offered to bodies that name endpoints. */
  readonly vehiclePaths: readonly string[];
  readonly timeoutMs: number;
  readonly knownIssues: readonly KnownIssue[];
  readonly tally: Tally;
}

export interface OperationRun {
  /** The run's seed (reported); the operation's own seed is derived from it. */
  readonly seed: number;
  readonly numRuns: number;
  readonly replayPath: string | undefined;
}

/** Longest one operation's runs (and the shrinking of its finding) may take. */
const operationTimeLimitMs = 120_000;

/** A 32-bit seed per operation, so one operation replays the same with or without the others. */
export function operationSeed(seed: number, operationId: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const character of `${seed}:${operationId}`) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193);
  return hash | 0;
}

/**
 * The error shape to expect. Another method on an API path reaches the not-found handler or another
 * API route (catalog shape either way); on a page path it may reach the page's other form.
 */
function answerShape(operation: FuzzOperation, request: FuzzRequest): AnswerShape {
  if (operation.answer === 'page' || request.method === operation.method) return operation.answer;
  return 'catalog';
}

function problemsOf(operation: FuzzOperation, request: FuzzRequest, outcome: Exclude<Sent, { kind: 'unsendable' }>, timeoutMs: number): string[] {
  if (outcome.kind === 'timeout') return [`no answer within ${timeoutMs} ms`];
  return [
    ...responseProblems(outcome, answerShape(operation, request), { head: request.method === 'HEAD', batch: operation.id === 'batch' }),
    ...(outcome.elapsedMs > timeoutMs ? [`answered after ${Math.round(outcome.elapsedMs)} ms`] : []),
  ];
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Fuzzes `operation`; returns its finding, if any, and whether the time limit cut its runs short. */
export async function fuzzOperation(target: FuzzTarget, operation: FuzzOperation, run: OperationRun): Promise<{ finding: Finding | undefined; interrupted: boolean }> {
  const { app, world, tally, timeoutMs, knownIssues } = target;
  const failures = new WeakMap<FuzzRequest, Pick<Finding, 'statusCode' | 'problems' | 'body'>>();
  const property = fc.asyncProperty(requestsFor(operation, world, target.vehiclePaths), async (request) => {
    const avoided = knownIssues.find((issue) => issue.avoid?.(request, operation) === true);
    if (avoided !== undefined) {
      count(tally.knownIssueHits, avoided.name);
      return true;
    }
    const outcome = await sendRequest(app, request, timeoutMs);
    tally.sent += 1;
    if (request.method === 'DELETE' || request.url.startsWith('/connect/owner/revoke')) await world.heal();
    if (outcome.kind === 'unsendable') {
      tally.unsendable += 1;
      return true;
    }
    count(tally.statusCounts, outcome.kind === 'timeout' ? 'timeout' : String(outcome.statusCode));
    const problems = problemsOf(operation, request, outcome, timeoutMs);
    if (problems.length === 0) return true;
    const known = knownIssues.find((issue) => issue.matches?.(request, problems, operation) === true);
    if (known !== undefined) {
      count(tally.knownIssueHits, known.name);
      return true;
    }
    failures.set(request, outcome.kind === 'timeout' ? { statusCode: null, problems, body: '' } : { statusCode: outcome.statusCode, problems, body: outcome.body.slice(0, 600) });
    return false;
  });
  const details = await fc.check(property, {
    seed: operationSeed(run.seed, operation.id),
    numRuns: run.numRuns,
    ...(run.replayPath === undefined ? {} : { path: run.replayPath }),
    // Shrinking a slow finding must not hold the run for ever: its last counterexample is reported.
    interruptAfterTimeLimit: operationTimeLimitMs,
    markInterruptAsFailure: false,
  });
  const [request] = details.counterexample ?? [];
  if (!details.failed || request === undefined) return { finding: undefined, interrupted: details.interrupted };
  const failure = failures.get(request) ?? { statusCode: null, problems: [`the fuzzer failed: ${String(details.errorInstance)}`], body: '' };
  return { finding: { operation: operation.id, seed: run.seed, path: details.counterexamplePath ?? '', request, ...failure }, interrupted: false };
}
