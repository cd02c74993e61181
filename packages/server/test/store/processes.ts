/** @module Starts several store processes together and collects what each printed. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./store-process.ts', import.meta.url));

/**
 * Runs `store-process.ts <mode> <dataDir> <id>` once per id, releases them at the same moment
 * (after all report ready, so start-up time does not serialise them), and returns each one's
 * JSON result in id order.
 */
export async function runTogether<T>(mode: 'migrate' | 'claim', dataDir: string, ids: readonly string[]): Promise<T[]> {
  const children = ids.map((id) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, mode, dataDir, id], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<string> => {
      const line = await lines.next();
      if (line.done === true) throw new Error(`store process ${id} ended without output`);
      return line.value;
    };
    return { child, next };
  });
  const ready = await Promise.all(children.map(({ next }) => next()));
  if (ready.some((line) => line !== 'ready')) throw new Error(`store processes said ${ready.join(', ')}`);
  for (const { child } of children) child.stdin.end('go\n');
  const results = await Promise.all(children.map(({ next }) => next()));
  return results.map((line) => JSON.parse(line) as T);
}
