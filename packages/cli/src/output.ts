/** @module How the CLI prints: JSON for scripts (`--json`), aligned text for people. */

type Printable = Readonly<Record<string, unknown>>;

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (value === null || value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One record: a JSON object, or `key: value` lines. */
export function printRecord(record: Printable, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(record)}\n`);
    return;
  }
  const width = Math.max(...Object.keys(record).map((key) => key.length));
  for (const [key, value] of Object.entries(record)) process.stdout.write(`${key.padEnd(width)}  ${text(value)}\n`);
}

/** Several records: a JSON array, or one aligned row each under a header. */
export function printTable(records: readonly Printable[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(records)}\n`);
    return;
  }
  const first = records[0];
  if (first === undefined) {
    process.stdout.write('(none)\n');
    return;
  }
  const columns = Object.keys(first);
  const widths = columns.map((column) => Math.max(column.length, ...records.map((record) => text(record[column]).length)));
  const line = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(columns)}\n`);
  for (const record of records) process.stdout.write(`${line(columns.map((column) => text(record[column])))}\n`);
}
