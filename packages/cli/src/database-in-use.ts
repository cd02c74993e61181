/**
 * @module Before a command touches the database: say which database it is (a file in another data
 * directory is the usual reason a list comes back empty), and refuse to create an empty one for a
 * command that only reads.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { databaseLocation, describeDatabaseLocation, readSettings, StartupError } from '@carport/server/core';
import { sourcesFrom } from './config-from-flags.js';

/** Commands that only read, by their words after `carport`. */
const readOnlyCommands: ReadonlySet<string> = new Set([
  'apps list',
  'apps show',
  'fleet accounts',
  'fleet list',
  'fleet show',
  'webhooks list',
  'webhooks show',
  'webhooks deliveries',
]);

/** Commands that do not open the database here: the server names its database when it starts; an emulator has none. */
const commandsWithoutDatabase: ReadonlySet<string> = new Set(['serve', 'emulate tesla']);

/** The words of `command` after `carport`, e.g. `apps list`. */
function wordsOf(command: Command): string {
  const words: string[] = [];
  for (let current: Command | null = command; current?.parent != null; current = current.parent) words.unshift(current.name());
  return words.join(' ');
}

/**
 * Writes which database `command` is about to open to standard error (standard output stays the
 * command's answer, for scripts).
 * @throws StartupError naming the file and CARPORT_DATA_DIR when a read-only command would create the SQLite file.
 */
export function announceDatabase(command: Command): void {
  const words = wordsOf(command);
  if (commandsWithoutDatabase.has(words)) return;
  const settings = readSettings(sourcesFrom(command));
  const location = databaseLocation(settings.databaseUrl, settings.dataDir);
  if (location.kind === 'sqlite-file' && readOnlyCommands.has(words) && !existsSync(location.path)) {
    throw new StartupError(
      `carport: no Carport database at ${location.path}; \`carport ${words}\` only reads, so it does not create one. ` +
        'Set CARPORT_DATA_DIR to the directory that holds carport.sqlite, or start Carport once (npm start) to create it.',
    );
  }
  process.stderr.write(`carport: using the ${describeDatabaseLocation(location)}\n`);
}
