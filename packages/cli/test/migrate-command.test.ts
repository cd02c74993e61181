import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationNames } from '@carport/server';
import { databaseLine, runCli } from './run-cli.js';

describe('carport migrate', () => {
  it('applies every migration once, then reports the database up to date', async () => {
    const env = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-migrate-')), CARPORT_SECRET_KEY: 'migrate-test-secret-key-0123456789abcdef' };
    const first = await runCli(['migrate'], env);
    expect(first.stderr).toBe(databaseLine(env));
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`sqlite database: applied ${migrationNames().join(', ')}\n`);
    expect(migrationNames()[0]).toBe('0001_foundation');
    const second = await runCli(['migrate'], env);
    expect(second.stdout).toBe('sqlite database: already up to date\n');
  });
});
