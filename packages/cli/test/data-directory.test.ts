/** @module Where `carport` finds the data: the same database as the server from any directory, named on every command, never an empty one created by a command that only reads. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePostgres, postgresUrl } from '../../server/test/store/database-harness.js';
import { databaseLine, repositoryRoot, runBuiltCli } from './run-cli.js';
import { freePort } from './served-carport.js';

const secretKey = 'data-directory-secret-key-0123456789abcdef';

function refusal(words: string, file: string): string {
  return (
    `carport: no Carport database at ${file}; \`carport ${words}\` only reads, so it does not create one. ` +
    'Set CARPORT_DATA_DIR to the directory that holds carport.sqlite, or start Carport once (npm start) to create it.\n'
  );
}

describe('where carport finds its data', () => {
  it('refuses to create an empty database for a command that only reads, naming the file and CARPORT_DATA_DIR', async () => {
    for (const args of [['apps', 'list'], ['fleet', 'list'], ['fleet', 'accounts'], ['webhooks', 'list'], ['webhooks', 'deliveries']]) {
      const root = mkdtempSync(join(tmpdir(), 'carport-read-only-'));
      const dataDir = join(root, 'data');
      // No CARPORT_SECRET_KEY either: nothing, not even the development key, may be written.
      const result = await runBuiltCli([...args, '--json'], { CARPORT_DATA_DIR: dataDir });
      expect(result).toEqual({ code: 1, stdout: '', stderr: refusal(args.join(' '), join(dataDir, 'carport.sqlite')) });
      expect(readdirSync(root)).toEqual([]);
    }
  }, 300_000);

  it('names the database every command opens, an explicit relative CARPORT_DATA_DIR taken from the working directory', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'carport-cwd-'));
    const env = { CARPORT_DATA_DIR: 'carport-data', CARPORT_SECRET_KEY: secretKey };
    const migrated = await runBuiltCli(['migrate'], env, workingDirectory);
    expect(migrated.code).toBe(0);
    expect(migrated.stderr).toBe(databaseLine({ CARPORT_DATA_DIR: join(workingDirectory, 'carport-data') }));
    const listed = await runBuiltCli(['apps', 'list', '--json'], env, workingDirectory);
    expect(listed).toEqual({ code: 0, stdout: '[]\n', stderr: databaseLine({ CARPORT_DATA_DIR: join(workingDirectory, 'carport-data') }) });
  }, 120_000);

  it('without CARPORT_DATA_DIR, uses the checkout\'s data directory from a subdirectory too, as `npm start` does', async () => {
    const subdirectory = join(repositoryRoot, 'packages', 'cli');
    const file = join(repositoryRoot, 'data', 'carport.sqlite');
    const result = await runBuiltCli(['apps', 'list', '--json'], {}, subdirectory);
    // This checkout's own data: present once someone ran `npm start` here, absent on a fresh clone.
    if (existsSync(file)) expect(result.stderr.split('\n')[0]).toBe(`carport: using the SQLite database ${file}`);
    else expect(result).toEqual({ code: 1, stdout: '', stderr: refusal('apps list', file) });
    expect(existsSync(join(subdirectory, 'data'))).toBe(false);
  }, 120_000);

  it('names a PostgreSQL database by host, port and name, never its password, and says when it cannot be reached', async () => {
    const closed = await freePort();
    const result = await runBuiltCli(['apps', 'list'], { CARPORT_SECRET_KEY: secretKey, DATABASE_URL: `postgres://carport:hunter2@127.0.0.1:${closed}/carport_x` });
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `carport: using the PostgreSQL database carport_x at 127.0.0.1:${closed} (user carport)\ncannot connect to PostgreSQL at 127.0.0.1:${closed} (connection refused)\n`,
    });
  }, 120_000);
});

describePostgres('carport on a PostgreSQL server without its database', () => {
  it('names the createdb command that creates it', async () => {
    const name = `carport_missing_${randomBytes(4).toString('hex')}`;
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const port = url.port === '' || url.port === '5432' ? '' : ` -p ${url.port}`;
    const user = url.username === '' ? '' : ` -U ${decodeURIComponent(url.username)}`;
    const result = await runBuiltCli(['migrate'], { CARPORT_SECRET_KEY: secretKey, DATABASE_URL: url.toString() });
    const address = `${url.hostname}:${url.port || '5432'}`;
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `carport: using the PostgreSQL database ${name} at ${address}${user === '' ? '' : ` (user ${decodeURIComponent(url.username)})`}\n` +
        `PostgreSQL at ${address} has no database "${name}"; create it with: createdb -h ${url.hostname}${port}${user} ${name}\n`,
    });
  }, 120_000);
});
