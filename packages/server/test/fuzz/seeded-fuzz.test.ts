/**
 * A short, seeded run of the fuzzer (`npm run fuzz`) as part of the suite: every operation of the
 * OpenAPI document and every Connect page gets a few schema-shaped and hostile requests, and none may
 * answer a server error, an error out of shape, or late, nor pollute a prototype.
 */
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/simulator/index.js';
import { formatReport } from '../../fuzz/format-report.js';
import { runFuzz, type KnownIssue } from '../../fuzz/run-fuzz.js';

/** A year of simulated time is the most the simulator is known to cope with today. */
const largestSafeAdvanceMs = parseDuration('52w') ?? 0;

function advanceBy(payload: string | undefined): number | undefined {
  try {
    const body: unknown = JSON.parse(payload ?? '');
    const by = body !== null && typeof body === 'object' && 'by' in body ? body.by : undefined;
    // A number is read as its text (the body coercion being fixed elsewhere), so it moves the clock too.
    return typeof by === 'string' || typeof by === 'number' ? parseDuration(String(by)) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Behaviours being fixed elsewhere, kept out of this run until those fixes land; remove each entry
 * with its fix. Moving the simulated clock by more than a year makes every later read and command
 * fail with "simulation does not converge" (500) or hang, so such requests are not sent at all.
 */
const knownIssues: readonly KnownIssue[] = [
  {
    name: 'POST /admin/fleet/advance by more than a year breaks the simulation',
    avoid: (request, operation) => operation.path === '/admin/fleet/advance' && (advanceBy(request.payload) ?? 0) > largestSafeAdvanceMs,
  },
];

describe('seeded fuzz run', () => {
  it('finds no server error, misshapen error, slow answer or pollution', async () => {
    const report = await runFuzz({ requests: 500, seed: 20261122, knownIssues });
    expect(report.findings.length + report.runProblems.length, formatReport(report)).toBe(0);
    expect(report.operations).toBeGreaterThan(100);
    // Most requests must get past authentication, or the run would fuzz little beyond it.
    expect((report.statusCounts['200'] ?? 0) / report.sent).toBeGreaterThan(0.15);
  }, 120_000);
});
