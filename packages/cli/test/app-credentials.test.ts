/**
 * @module The built `carport apps show`, `connect-url` and `rotate-management-token`: what an
 * operator sees of an application without its secrets, a Connect URL Connect accepts, and a
 * management token rotation whose old token keeps working for the grace period.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, createServices, loadConfig } from '@carport/server';
import { databaseLine, runBuiltCli } from './run-cli.js';

const HOUR_MS = 3_600_000;
/** Each command is a new process on a shared, busy machine. */
const slow = { timeout: 300_000 };

function freshEnv(): Record<string, string> {
  return { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-cli-credentials-')), CARPORT_SECRET_KEY: 'cli-credentials-secret-key-0123456789abcd', PUBLIC_URL: 'https://carport.example' };
}

interface Created {
  clientId: string;
  clientSecret: string | null;
  managementToken: string;
}

async function cli(args: readonly string[], env: Record<string, string>): Promise<string> {
  const result = await runBuiltCli(args, env);
  expect(result.stderr).toBe(databaseLine(env));
  expect(result.code).toBe(0);
  return result.stdout;
}

async function create(env: Record<string, string>, ...args: string[]): Promise<Created> {
  return JSON.parse(await cli(['apps', 'create', '--name', 'Fleet tools', '--json', ...args], env)) as Created;
}

/** Which application, if any, a management token authenticates now (as the Management API looks it up). */
async function ownerOfToken(env: Record<string, string>, token: string): Promise<string | null> {
  const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
  try {
    return (await services.repositories.applications.findByManagementToken(token))?.clientId ?? null;
  } finally {
    await services.close();
  }
}

describe('carport apps show', slow, () => {
  it('shows the application and the state of its credentials, never a secret in full, and how to replace a lost one', async () => {
    const env = freshEnv();
    const app = await create(env, '--redirect-uri', 'https://app.example/cb', '--redirect-uri', 'http://localhost:3000/cb', '--scope', 'read_odometer', '--scope', 'read_vin', '--plan', 'build');
    const json = JSON.parse(await cli(['apps', 'show', app.clientId, '--json'], env)) as { createdAt: string };
    expect(json).toEqual({
      clientId: app.clientId,
      name: 'Fleet tools',
      plan: 'build',
      suspendedAt: null,
      isPublic: false,
      redirectUris: ['https://app.example/cb', 'http://localhost:3000/cb'],
      defaultScope: ['read_odometer', 'read_vin'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      clientSecret: { rotatedAt: null },
      managementToken: { hint: `${app.managementToken.slice(0, 7)}…`, issuedAt: json.createdAt, previousValidUntil: null },
    });

    const text = await cli(['apps', 'show', app.clientId], env);
    expect(text).toBe(
      [
        'name             Fleet tools',
        `clientId         ${app.clientId}`,
        'plan             build',
        'status           active',
        'redirectUris     https://app.example/cb, http://localhost:3000/cb',
        'defaultScope     read_odometer, read_vin',
        `createdAt        ${json.createdAt}`,
        `clientSecret     set at creation, shown only then; lost? carport apps rotate-secret ${app.clientId}`,
        `managementToken  ${app.managementToken.slice(0, 7)}… issued ${json.createdAt}; lost? carport apps rotate-management-token ${app.clientId}`,
        'previousToken    none',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain(app.managementToken);
    expect(text).not.toContain(app.clientSecret ?? '');

    await cli(['apps', 'suspend', app.clientId], env);
    const suspended = JSON.parse(await cli(['apps', 'show', app.clientId, '--json'], env)) as { suspendedAt: string };
    expect(await cli(['apps', 'show', app.clientId], env)).toContain(`\nstatus           suspended since ${suspended.suspendedAt}\n`);
  });

  it('says a public client has no secret, and refuses an unknown client id', async () => {
    const env = freshEnv();
    const app = await create(env, '--redirect-uri', 'com.example.fleet:/callback', '--public');
    const { createdAt } = JSON.parse(await cli(['apps', 'show', app.clientId, '--json'], env)) as { createdAt: string };
    expect(await cli(['apps', 'show', app.clientId], env)).toContain(
      `\ndefaultScope     (none: a Connect URL must name its scope)\ncreatedAt        ${createdAt}\nclientSecret     none (a public client: Connect URLs carry a PKCE challenge)\n`,
    );
    expect(await runBuiltCli(['apps', 'show', 'no-such-client'], env)).toEqual({ code: 1, stdout: '', stderr: databaseLine(env) + 'carport: no application has client id no-such-client\n' });
  });
});

describe('carport apps connect-url', slow, () => {
  it('prints the Connect URL in the format of the demo application’s, on CONNECT_URL when set', async () => {
    const env = freshEnv();
    const app = await create(env, '--redirect-uri', 'https://app.example/cb', '--redirect-uri', 'https://app.example/other', '--scope', 'read_odometer');
    const query = (fields: Record<string, string>) => new URLSearchParams({ response_type: 'code', client_id: app.clientId, ...fields, state: 'demo' }).toString();
    expect(await cli(['apps', 'connect-url', app.clientId], env)).toBe(
      `https://carport.example/oauth/authorize?${query({ redirect_uri: 'https://app.example/cb', scope: 'read_odometer', mode: 'live' })}\n`,
    );
    expect(
      await cli(['apps', 'connect-url', app.clientId, '--scope', 'read_vin', '--scope', 'required:read_battery', '--mode', 'simulated', '--make', 'tesla', '--redirect-uri', 'https://app.example/other'], {
        ...env,
        CONNECT_URL: 'https://connect.carport.example',
      }),
    ).toBe(`https://connect.carport.example/oauth/authorize?${query({ redirect_uri: 'https://app.example/other', scope: 'read_vin required:read_battery', mode: 'simulated', make: 'TESLA' })}\n`);
  });

  it('refuses what Connect would refuse, in Connect’s words', async () => {
    const env = freshEnv();
    const app = await create(env, '--redirect-uri', 'https://app.example/cb');
    const refusal = async (...args: string[]) => runBuiltCli(['apps', 'connect-url', app.clientId, ...args], env);
    expect(await refusal()).toEqual({ code: 1, stdout: '', stderr: databaseLine(env) + 'carport: The scope names no permission and the application has no default scope.\n' });
    expect(await refusal('--scope', 'read_everything')).toEqual({ code: 1, stdout: '', stderr: databaseLine(env) + 'carport: Unknown permission in scope: read_everything.\n' });
    expect(await refusal('--scope', 'read_vin', '--mode', 'sandbox')).toEqual({ code: 1, stdout: '', stderr: databaseLine(env) + 'carport: mode must be one of live, test, simulated; got "sandbox".\n' });
    expect(await refusal('--scope', 'read_vin', '--make', 'delorean')).toEqual({ code: 1, stdout: '', stderr: databaseLine(env) + 'carport: make "DELOREAN" is not a supported make.\n' });
    expect(await refusal('--scope', 'read_vin', '--redirect-uri', 'https://evil.example/cb')).toEqual({
      code: 1,
      stdout: '',
      stderr: databaseLine(env) + 'carport: The Connect link’s redirect_uri is not registered for this application.\n',
    });
    const mobile = await create(env, '--redirect-uri', 'com.example.fleet:/callback', '--public', '--scope', 'read_vin');
    expect(await runBuiltCli(['apps', 'connect-url', mobile.clientId], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: databaseLine(env) + 'carport: This application is a public client: the Connect URL must carry a PKCE code_challenge (S256).\n',
    });
  });
});

describe('carport apps rotate-management-token', slow, () => {
  it('prints a new token; the old one keeps working for 24 h by default', async () => {
    const env = freshEnv();
    const app = await create(env, '--redirect-uri', 'https://app.example/cb');
    const before = Date.now();
    const rotated = JSON.parse(await cli(['apps', 'rotate-management-token', app.clientId, '--json'], env)) as { managementToken: string; previousValidUntil: string };
    expect(rotated).toEqual({ clientId: app.clientId, managementToken: expect.stringMatching(/^mt_[A-Za-z0-9_-]{43}$/) as unknown, previousValidUntil: expect.any(String) as unknown });
    expect(Date.parse(rotated.previousValidUntil)).toBeGreaterThanOrEqual(before + 24 * HOUR_MS);
    expect(Date.parse(rotated.previousValidUntil)).toBeLessThan(Date.now() + 24 * HOUR_MS);
    expect(await ownerOfToken(env, app.managementToken)).toBe(app.clientId);
    expect(await ownerOfToken(env, rotated.managementToken)).toBe(app.clientId);
    expect(await cli(['apps', 'show', app.clientId], env)).toContain(
      `\nmanagementToken  ${rotated.managementToken.slice(0, 7)}… issued `,
    );
    expect(await cli(['apps', 'show', app.clientId], env)).toMatch(new RegExp(`\\npreviousToken    accepted until ${rotated.previousValidUntil.replaceAll('.', '\\.')}\\n$`));
  });

  it('takes the grace period as a duration, and 0 to end the old token at once', async () => {
    const env = freshEnv();
    const app = await create(env, '--redirect-uri', 'https://app.example/cb');
    const text = await cli(['apps', 'rotate-management-token', app.clientId, '--grace', '2h'], env);
    const [, token, until] = /^clientId +\S+\nmanagementToken +(mt_\S+)\npreviousValidUntil +(\S+)\n\n/.exec(text) ?? [];
    expect(Date.parse(until ?? '') - Date.now()).toBeGreaterThan(2 * HOUR_MS - 60_000);
    expect(Date.parse(until ?? '') - Date.now()).toBeLessThanOrEqual(2 * HOUR_MS);
    expect(text).toContain(`The old token keeps working until ${until ?? ''}. Until then SC-Signature is still signed with it and\n`);

    const immediate = JSON.parse(await cli(['apps', 'rotate-management-token', app.clientId, '--grace', '0', '--json'], env)) as { managementToken: string };
    expect(immediate).toEqual({ clientId: app.clientId, managementToken: expect.stringMatching(/^mt_/) as unknown, previousValidUntil: null });
    // Rotating again ends the earlier window as well: only the newest token works.
    expect(await ownerOfToken(env, app.managementToken)).toBeNull();
    expect(await ownerOfToken(env, token ?? '')).toBeNull();
    expect(await ownerOfToken(env, immediate.managementToken)).toBe(app.clientId);

    expect(await runBuiltCli(['apps', 'rotate-management-token', app.clientId, '--grace', '24'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: databaseLine(env) + 'carport: 24 is not a duration: write a number followed by one of the units ms, s, m, h, d, w (e.g. 90s, 15m, 2h, 3d, 1w), at most 366d\n',
    });
    expect(await ownerOfToken(env, immediate.managementToken)).toBe(app.clientId);
  });
});
