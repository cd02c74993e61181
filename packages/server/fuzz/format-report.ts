/** @module The fuzz run's summary as text: counts per status, known issues, and each finding with the command that replays it. */
import type { Finding, FuzzReport } from './run-fuzz.js';

function describeFinding(finding: Finding): string {
  const { request } = finding;
  const payload = request.payload === undefined ? '(no body)' : request.payload.length > 300 ? `${JSON.stringify(request.payload.slice(0, 300))}… (${request.payload.length} characters)` : JSON.stringify(request.payload);
  const url = request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length} characters)` : request.url;
  return [
    `- ${finding.operation}: ${finding.problems.join('; ')}`,
    `  ${request.method} ${url}`,
    `  headers: ${JSON.stringify(request.headers)}`,
    `  body: ${payload}`,
    `  hostile parts: ${request.tags.length === 0 ? 'none' : request.tags.join(', ')}`,
    `  answered: ${finding.statusCode ?? 'nothing'} ${finding.body}`,
    `  replay: npm run fuzz -- --seed ${finding.seed} --only '${finding.operation}' --path '${finding.path}'`,
  ].join('\n');
}

export function formatReport(report: FuzzReport): string {
  const statuses = Object.entries(report.statusCounts).sort(([left], [right]) => left.localeCompare(right)).map(([status, count]) => `${status}: ${count}`).join(', ');
  const known = Object.entries(report.knownIssueHits).map(([name, count]) => `  ${name}: ${count}`);
  const heap = report.heap.measured
    ? `heap after GC: ${report.heap.startMb.toFixed(1)} MB → ${report.heap.endMb.toFixed(1)} MB (limit +${report.heap.limitMb} MB)`
    : 'heap: not measured (run node with --expose-gc)';
  return [
    `seed ${report.seed}: ${report.sent} requests to ${report.operations} operations (${report.unsendable} could not be built)`,
    `statuses: ${statuses}`,
    heap,
    `prototype pollution: ${report.pollution.length === 0 ? 'none' : report.pollution.join(', ')}`,
    ...(report.interrupted.length === 0 ? [] : [`cut short by the time limit: ${report.interrupted.join(', ')}`]),
    ...(known.length === 0 ? [] : ['known issues (not counted as findings):', ...known]),
    report.findings.length === 0 && report.runProblems.length === 0 ? 'no findings' : `${report.findings.length + report.runProblems.length} finding(s):`,
    ...report.runProblems.map((problem) => `- ${problem}`),
    ...report.findings.map(describeFinding),
  ].join('\n');
}
