/** @module Tests of the group commit behind batched settlements: what goes into one write, and what a failed write does. */
import { describe, expect, it } from 'vitest';
import { SettlementBatcher } from '../../src/webhooks/settlement-batcher.js';

/** A write that records its batches and answers which items applied (all but those named "lost"). */
function recordingWriter() {
  const batches: string[][] = [];
  let release: (() => void) | undefined;
  let held = false;
  const write = async (items: readonly string[]): Promise<ReadonlySet<string>> => {
    batches.push([...items]);
    if (held) await new Promise<void>((resolve) => (release = resolve));
    if (items.includes('broken') && items.length > 1) throw new Error('one row refused');
    if (items.includes('broken')) throw new Error('broken alone');
    return new Set(items.filter((item) => item !== 'lost'));
  };
  return {
    batches,
    write,
    hold: () => {
      held = true;
    },
    release: () => {
      held = false;
      release?.();
    },
  };
}

describe('settlement batcher', () => {
  it('writes a full batch at once and answers each item whether it applied', async () => {
    const writer = recordingWriter();
    const batcher = new SettlementBatcher(writer.write, (item) => item, () => undefined, { lingerMs: 60_000, maxItems: 3 });
    const answers = await Promise.all([batcher.add('a'), batcher.add('lost'), batcher.add('c')]);
    expect(writer.batches).toEqual([['a', 'lost', 'c']]);
    expect(answers).toEqual([true, false, true]);
  });

  it('writes what arrived during a write together, once it ends', async () => {
    const writer = recordingWriter();
    const batcher = new SettlementBatcher(writer.write, (item) => item, () => undefined, { lingerMs: 0, maxItems: 1 });
    writer.hold();
    const first = batcher.add('a');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.add('b'), batcher.add('c')];
    expect(writer.batches).toEqual([['a']]);
    writer.release();
    expect(await Promise.all([first, ...later])).toEqual([true, true, true]);
    expect(writer.batches).toEqual([['a'], ['b', 'c']]);
  });

  it('retries a failed batch item by item: only the item that fails alone is rejected', async () => {
    const writer = recordingWriter();
    const failures: [string, number][] = [];
    const batcher = new SettlementBatcher(
      writer.write,
      (item) => item,
      (error, size) => failures.push([(error as Error).message, size]),
      { lingerMs: 0, maxItems: 3 },
    );
    const answers = await Promise.allSettled([batcher.add('a'), batcher.add('broken'), batcher.add('c')]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: true },
      { status: 'rejected', reason: new Error('broken alone') },
      { status: 'fulfilled', value: true },
    ]);
    expect(writer.batches).toEqual([['a', 'broken', 'c'], ['a'], ['broken'], ['c']]);
    expect(failures).toEqual([['one row refused', 3]]);
  });
});
