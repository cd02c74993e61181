/** @module A separate process for the multi-process store tests: waits for "go", then migrates or claims. */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { migrateToLatest, openDatabase } from '../../src/store/index.js';
import { createTestClock, repositoriesFor } from './fixtures.js';

// argv: <migrate|claim> <dataDir> <workerId>. Prints "ready", waits for a line, prints a JSON result.
const [mode = '', dataDir = '', workerId = 'worker'] = process.argv.slice(2);
const store = await openDatabase({ databaseUrl: undefined, dataDir });
const input = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
await once(input, 'line');
input.close();
try {
  if (mode === 'migrate') {
    process.stdout.write(`${JSON.stringify(await migrateToLatest(store))}\n`);
  } else if (mode === 'claim') {
    const repositories = repositoriesFor(store, createTestClock());
    const claimed: string[] = [];
    for (;;) {
      const events = await repositories.outbox.claimDue({ workerId, limit: 3, leaseSeconds: 300 });
      if (events.length === 0) break;
      claimed.push(...events.map((event) => event.id));
    }
    process.stdout.write(`${JSON.stringify(claimed)}\n`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await store.close();
}
