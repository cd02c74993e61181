/**
 * @module `npm run fuzz -- [--requests N] [--seed S] [--only OPERATION [--path PATH]] [--timeout-ms MS]`:
 * fuzzes every operation of the OpenAPI document (and the HTML pages), prints a summary, and exits
 * non-zero on any finding.
 */
import { parseArgs } from 'node:util';
import { formatReport } from './format-report.js';
import { runFuzz } from './run-fuzz.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    seed: { type: 'string' },
    only: { type: 'string' },
    path: { type: 'string' },
    'timeout-ms': { type: 'string', default: '5000' },
    'max-heap-growth-mb': { type: 'string', default: '64' },
    quiet: { type: 'boolean', default: false },
  },
});

function integerOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`--${name} must be an integer, not ${text}`);
  return value;
}

const seed = integerOption('seed', values.seed) ?? Math.floor(Math.random() * 2 ** 31);
const report = await runFuzz({
  requests: integerOption('requests', values.requests) ?? 5000,
  seed,
  timeoutMs: integerOption('timeout-ms', values['timeout-ms']) ?? 5000,
  maxHeapGrowthMb: integerOption('max-heap-growth-mb', values['max-heap-growth-mb']) ?? 64,
  ...(values.only === undefined ? {} : { only: values.only }),
  ...(values.path === undefined ? {} : { replayPath: values.path }),
  ...(values.quiet ? {} : { progress: (line: string) => process.stderr.write(`${line}\n`) }),
});
process.stdout.write(`${formatReport(report)}\n`);
process.exitCode = report.findings.length > 0 || report.runProblems.length > 0 ? 1 : 0;
