/** @module The built `carport` as a whole: its version, the layout of its help, and output piped into a reader that stops early. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseLine, builtEntry, childEnv, runBuiltCli, startBuiltCli, type CliResult } from './run-cli.js';

/** Each command is a new process on a shared, busy machine. */
const slow = { timeout: 300_000 };

function freshEnv(): Record<string, string> {
  return { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-cli-program-')), CARPORT_SECRET_KEY: 'cli-program-secret-key-0123456789abcdefgh' };
}

function completion(child: ReturnType<typeof spawn>): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('carport', slow, () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(await runBuiltCli(['--version'], freshEnv())).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists its commands before the options and the server settings', async () => {
    const help = await runBuiltCli(['--help'], freshEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      new RegExp(
        [
          '^Usage: carport \\[options\\] \\[command\\]',
          '',
          'Carport: a self-hostable connected-vehicle API platform',
          '',
          'Commands:',
          '  serve +Run the Carport server .*',
          '  migrate +Apply pending database migrations',
          '  apps +Manage applications',
          '  lifecycle +Review, approve, test, release, suspend and revoke .*',
          '  fleet +Operate the simulated fleet .*',
          "  budgets \\[options\\] +Show what is left today of each vehicle's manufacturer budgets .*",
          '  webhooks +Manage webhooks and their deliveries',
          '  emulate +Run an emulated manufacturer cloud on this machine .*',
          '  accounts +Manage developer accounts of the dashboard',
          '  operators +Manage operator accounts of the dashboard',
          '  tesla +The live Tesla provider: partner key and registration',
          '  help \\[command\\] +display help for command',
          '',
          'Options:',
          '  -v, --version +print the version',
          '  -h, --help +display help for command',
          '',
          'Server settings \\(each flag overrides the environment variable named\\):',
          '  --port <value> +TCP port the HTTP server listens on\\. \\(env PORT\\)',
          '',
        ].join('\n'),
      ),
    );
    const apps = await runBuiltCli(['apps', '--help'], freshEnv());
    expect(apps.stdout.indexOf('Commands:')).toBeLessThan(apps.stdout.indexOf('Options:'));
  });

  it('stops quietly when the reader of its output goes away', async () => {
    const env = freshEnv();
    for (const name of ['one', 'two']) expect((await runBuiltCli(['apps', 'create', '--name', name, '--redirect-uri', 'https://app.example/cb'], env)).code).toBe(0);

    // The reader is gone before the first line is written: every write meets a closed pipe.
    const child = startBuiltCli(['apps', 'list'], env);
    child.stdout.destroy();
    const closed = await completion(child);
    expect(closed).toEqual({ code: 0, stdout: '', stderr: databaseLine(env) });

    // As a user pipes it.
    const piped = await completion(
      spawn('bash', ['-c', `node "$CARPORT_BIN" apps list | head -1; echo "exit \${PIPESTATUS[0]}"`], { env: childEnv({ ...env, CARPORT_BIN: builtEntry }) }),
    );
    expect(piped).toEqual({ code: 0, stdout: expect.stringMatching(/^clientId +name +redirectUris +plan +createdAt\nexit 0\n$/) as unknown, stderr: databaseLine(env) });
  });
});
