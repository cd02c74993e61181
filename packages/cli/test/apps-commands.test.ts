import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, createServices, loadConfig } from '@carport/server';
import { databaseLine, runBuiltCli, runCli } from './run-cli.js';

const secretKey = 'cli-test-secret-key-0123456789abcdefghij';

function freshEnv(): Record<string, string> {
  return { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-cli-')), CARPORT_SECRET_KEY: secretKey };
}

describe('carport apps', () => {
  it('create --json prints exactly one JSON object with the credentials', async () => {
    const env = freshEnv();
    const result = await runCli(['apps', 'create', '--name', 'demo', '--redirect-uri', 'http://localhost:3000/cb', '--json'], env);
    expect(result.stderr).toBe(databaseLine(env));
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(printed).sort()).toEqual(['clientId', 'clientSecret', 'managementToken', 'name', 'redirectUris']);
    expect(printed.name).toBe('demo');
    expect(printed.redirectUris).toEqual(['http://localhost:3000/cb']);

    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    try {
      const application = await services.repositories.applications.verifyClientSecret(String(printed.clientId), String(printed.clientSecret));
      expect(application?.name).toBe('demo');
      expect((await services.repositories.applications.findByManagementToken(String(printed.managementToken)))?.clientId).toBe(printed.clientId);
    } finally {
      await services.close();
    }
  });

  it('accepts several redirect URIs, lists applications and rotates a secret', async () => {
    const env = freshEnv();
    const created = await runCli(['apps', 'create', '--name', 'two', '--redirect-uri', 'https://a.example/cb', '--redirect-uri', 'https://b.example/cb', '--json'], env);
    const app = JSON.parse(created.stdout) as { clientId: string; clientSecret: string };
    const listed = await runCli(['apps', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    const list = JSON.parse(listed.stdout) as { clientId: string; name: string; redirectUris: string[]; plan: string }[];
    expect(list.map(({ clientId, name, redirectUris, plan }) => ({ clientId, name, redirectUris, plan }))).toEqual([
      { clientId: app.clientId, name: 'two', redirectUris: ['https://a.example/cb', 'https://b.example/cb'], plan: 'free' },
    ]);
    const rotated = await runCli(['apps', 'rotate-secret', app.clientId, '--json'], env);
    expect(rotated.code).toBe(0);
    const { clientSecret } = JSON.parse(rotated.stdout) as { clientSecret: string };
    expect(clientSecret).not.toBe(app.clientSecret);
    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    try {
      expect(await services.repositories.applications.verifyClientSecret(app.clientId, app.clientSecret)).toBeNull();
      expect(await services.repositories.applications.verifyClientSecret(app.clientId, clientSecret)).not.toBeNull();
    } finally {
      await services.close();
    }
  });

  it('assigns plans, suspends and resumes applications', async () => {
    const env = freshEnv();
    const created = JSON.parse((await runCli(['apps', 'create', '--name', 'p', '--redirect-uri', 'https://a.example/cb', '--plan', 'scale', '--json'], env)).stdout) as { clientId: string };
    const moved = await runCli(['apps', 'set-plan', created.clientId, 'build'], env);
    expect(moved.stdout).toBe(`${created.clientId}: plan build; running servers apply it within 5 s, with full rate buckets of the new plan\n`);
    const unknown = await runCli(['apps', 'set-plan', created.clientId, 'platinum'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(databaseLine(env) + 'carport: unknown plan "platinum"; known plans: free, build, scale, enterprise, development\n');
    expect((await runCli(['apps', 'suspend', created.clientId], env)).stdout).toBe(`${created.clientId}: suspended\n`);
    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    try {
      const application = await services.repositories.applications.findByClientId(created.clientId);
      expect(application?.plan).toBe('build');
      expect((await services.repositories.applications.findPlanStanding(application?.id ?? ''))?.suspendedAt).not.toBeNull();
    } finally {
      await services.close();
    }
    expect((await runCli(['apps', 'resume', created.clientId], env)).stdout).toBe(`${created.clientId}: active\n`);
  });

  it('prints people-readable text without --json', async () => {
    const env = freshEnv();
    const result = await runCli(['apps', 'create', '--name', 'plain', '--redirect-uri', 'https://a.example/cb'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^clientId +\S+\nclientSecret +\S+\nmanagementToken +\S+\nname +plain\nredirectUris +https:\/\/a\.example\/cb\n$/);
  });

  it('refuses an unknown client id and a missing --name with a message and a non-zero exit', async () => {
    const env = freshEnv();
    const unknown = await runCli(['apps', 'rotate-secret', 'no-such-client'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no-such-client');
    const missing = await runCli(['apps', 'create'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--name <name>' not specified");
  });

  it('refuses redirect URIs and scopes Connect would refuse, with Connect’s messages, and registers nothing', async () => {
    const env = freshEnv();
    const refused = await runBuiltCli(
      ['apps', 'create', '--name', 'bad', '--redirect-uri', 'https://app.example/cb#done', '--redirect-uri', 'javascript:alert(1)', '--redirect-uri', 'app.example/cb', '--scope', 'read_vin', '--scope', 'read_everything'],
      env,
    );
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        databaseLine(env) + 'carport: The redirect URI https://app.example/cb#done must not contain a fragment (#...).'
        + " The redirect URI javascript:alert(1) uses the javascript: scheme; use https://, http:// or an app's own scheme."
        + ' The redirect URI app.example/cb is not an absolute URI (e.g. https://app.example/callback).'
        + ' Unknown permission in scope: read_everything.\n',
    });
    // Refused before anything was stored: not even the database file exists.
    const listed = await runBuiltCli(['apps', 'list', '--json'], env);
    expect({ code: listed.code, stdout: listed.stdout }).toEqual({ code: 1, stdout: '' });
    expect(listed.stderr).toMatch(/^carport: no Carport database at \S+carport\.sqlite; `carport apps list` only reads, so it does not create one\./);
    // An app's own scheme and `required:` permissions are what Connect accepts too.
    const accepted = await runBuiltCli(['apps', 'create', '--name', 'mobile', '--public', '--redirect-uri', 'com.example.fleet:/callback', '--scope', 'required:read_vin', '--json'], env);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ clientSecret: null, redirectUris: ['com.example.fleet:/callback'] });
  }, 300_000);

  it('stops on an invalid setting, naming the variable and what it accepts', async () => {
    const result = await runCli(['migrate'], { ...freshEnv(), PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('carport: Invalid configuration:\n  - PORT="eighty" is invalid: expected an integer from 0 to 65535.\n');
  });
});
