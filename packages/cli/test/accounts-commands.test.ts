/** @module `carport operators create` and `carport accounts reset-link`: one-time links printed for the dashboard, which work once. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@carport/server';
import { runCli } from './run-cli.js';

const secretKey = 'accounts-test-secret-key-0123456789abcdef';

function environment(): Record<string, string> {
  return { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-accounts-')), CARPORT_SECRET_KEY: secretKey, PUBLIC_URL: 'http://carport.test' };
}

describe('carport operators and accounts', () => {
  it('creates an operator whose printed link sets the first password, and prints reset links', async () => {
    const env = environment();
    const created = await runCli(['operators', 'create', '--email', 'Olga@Example.com'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created operator olga@example\.com\nset the password \(link valid for 3 days, once\): http:\/\/carport\.test\/dashboard\/reset-password\/pr_[A-Za-z0-9_-]{43}\n$/);
    const again = await runCli(['operators', 'create', '--email', 'olga@example.com'], env);
    expect(again.stdout).toMatch(/^made operator olga@example\.com\n/);

    const reset = await runCli(['accounts', 'reset-link', 'OLGA@example.com'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^http:\/\/carport\.test\/dashboard\/reset-password\/pr_[A-Za-z0-9_-]{43}\n$/);

    const unknown = await runCli(['accounts', 'reset-link', 'nobody@example.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no dashboard account has the email nobody@example.com');

    const bad = await runCli(['operators', 'create', '--email', 'not-an-address'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Enter an email address like name@example.com.');

    const app = await buildApp(loadConfig({ env: { CARPORT_DATA_DIR: env.CARPORT_DATA_DIR ?? '', CARPORT_SECRET_KEY: secretKey, PUBLIC_URL: 'http://carport.test', LOG_LEVEL: 'error' } }));
    try {
      const operator = await app.carport.repositories.developerAccounts.findByEmail('olga@example.com');
      expect(operator).toMatchObject({ email: 'olga@example.com', isOperator: true, hasPassword: false, mfaEnabledAt: null });
    } finally {
      await app.close();
    }
  }, 180_000);
});
