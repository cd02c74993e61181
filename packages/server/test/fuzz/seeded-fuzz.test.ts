/**
 * A short, seeded run of the fuzzer (`npm run fuzz`) as part of the suite: every operation of the
 * OpenAPI document and every Connect page gets a few schema-shaped and hostile requests, and none may
 * answer a server error, an error out of shape, or late, nor pollute a prototype.
 */
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../fuzz/format-report.js';
import { runFuzz } from '../../fuzz/run-fuzz.js';

describe('seeded fuzz run', () => {
  it('finds no server error, misshapen error, slow answer or pollution', async () => {
    const report = await runFuzz({ requests: 500, seed: 20261122 });
    expect(report.findings.length + report.runProblems.length, formatReport(report)).toBe(0);
    expect(report.operations).toBeGreaterThan(100);
    // Most requests must get past authentication, or the run would fuzz little beyond it.
    expect((report.statusCounts['200'] ?? 0) / report.sent).toBeGreaterThan(0.15);
  }, 120_000);
});
