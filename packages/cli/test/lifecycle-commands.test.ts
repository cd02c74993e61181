/** @module `carport apps request` and `carport lifecycle ...`: a partner's request through review, approval, forced release, suspension and revocation, with the timeline. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseLine, runCli } from './run-cli.js';

const secretKey = 'cli-test-secret-key-0123456789abcdefghij';

function freshEnv(): Record<string, string> {
  return { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-cli-')), CARPORT_SECRET_KEY: secretKey };
}

const requestArgs = [
  'apps', 'request', '--name', 'Charge Co app', '--redirect-uri', 'https://charge.example/cb',
  '--company', 'Charge Co', '--contact-name', 'Ada Lovelace', '--contact-email', 'ada@charge.example',
  '--intended-use', 'Smart charging.', '--data-package', 'charging_status', '--data-package', 'control_charging',
  '--make', 'nio', '--region', 'EUROPE', '--json',
];

describe('carport lifecycle', () => {
  it('takes a requested application through review, approval, release, suspension and revocation, and shows the timeline', async () => {
    const env = freshEnv();
    const requested = await runCli(requestArgs, env);
    expect(requested.stderr).toBe(databaseLine(env));
    expect(requested.code).toBe(0);
    const app = JSON.parse(requested.stdout) as { clientId: string; state: string };
    expect(app.state).toBe('requested');

    const step = async (args: string[]) => {
      const result = await runCli(['lifecycle', ...args], env);
      expect(result.stderr, result.stderr).toBe(databaseLine(env));
      return result.stdout;
    };
    expect(await step(['review', app.clientId])).toBe(`${app.clientId}: in_review; running servers apply it within 5 s\n`);
    expect(await step(['approve', app.clientId, '--data-package', 'charging_status'])).toBe(`${app.clientId}: joint_testing; running servers apply it within 5 s\n`);
    const refused = await runCli(['lifecycle', 'release', app.clientId], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Joint testing is not complete: vehicle connected, charging_status used, command sent, webhook verified, webhook delivery succeeded. Release with force to release anyway.',
    );
    expect(await step(['release', app.clientId, '--force'])).toBe(`${app.clientId}: released; running servers apply it within 5 s\n`);
    expect(await step(['suspend', app.clientId, '--reason', 'unpaid invoice'])).toBe(`${app.clientId}: suspended (unpaid invoice); running servers apply it within 5 s\n`);
    expect(await step(['resume', app.clientId])).toBe(`${app.clientId}: released; running servers apply it within 5 s\n`);
    expect(await step(['revoke', app.clientId, '--reason', 'terms breached'])).toBe(`${app.clientId}: revoked (terms breached); running servers apply it within 5 s\n`);

    const timeline = JSON.parse(await step(['timeline', app.clientId, '--json'])) as Record<string, unknown>[];
    expect(timeline.map(({ from, to, action, actor, reason }) => ({ from, to, action, actor, reason }))).toEqual([
      { from: null, to: 'requested', action: 'create', actor: 'cli', reason: null },
      { from: 'requested', to: 'in_review', action: 'review', actor: 'cli', reason: null },
      { from: 'in_review', to: 'joint_testing', action: 'approve', actor: 'cli', reason: null },
      { from: 'joint_testing', to: 'released', action: 'release', actor: 'cli', reason: null },
      { from: 'released', to: 'suspended', action: 'suspend', actor: 'cli', reason: 'unpaid invoice' },
      { from: 'suspended', to: 'released', action: 'resume', actor: 'cli', reason: null },
      { from: 'released', to: 'revoked', action: 'revoke', actor: 'cli', reason: 'terms breached' },
    ]);
    const checklist = JSON.parse(await step(['checklist', app.clientId, '--json'])) as { complete: boolean; items: { item: string }[] };
    expect(checklist.complete).toBe(false);
    expect(checklist.items.map((item) => item.item)).toEqual(['vehicle connected', 'charging_status used', 'command sent', 'webhook verified', 'webhook delivery succeeded']);
    const list = JSON.parse(await step(['list', '--state', 'revoked', '--json'])) as unknown[];
    expect(list).toEqual([{ clientId: app.clientId, name: 'Charge Co app', state: 'revoked', reason: 'terms breached' }]);
  }, 600_000);

  it('refuses a request with unknown packages, makes and regions, saying which', async () => {
    const env = freshEnv();
    const args = requestArgs.map((arg) => (arg === 'control_charging' ? 'teleport' : arg === 'nio' ? 'DELOREAN' : arg === 'EUROPE' ? 'MARS' : arg));
    const result = await runCli(args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dataPackages unknown data packages: teleport. makes unknown makes: DELOREAN. regions unknown regions: MARS (known: US, CA, EUROPE).');
  }, 300_000);

  it('apps create keeps creating released applications, and --requested starts one in requested', async () => {
    const env = freshEnv();
    const released = JSON.parse((await runCli(['apps', 'create', '--name', 'auto', '--json'], env)).stdout) as { clientId: string };
    const requested = JSON.parse((await runCli(['apps', 'create', '--name', 'asks', '--requested', '--json'], env)).stdout) as { clientId: string };
    const show = async (clientId: string) => JSON.parse((await runCli(['lifecycle', 'show', clientId, '--json'], env)).stdout) as { state: string; approvedDataPackages: string[]; timeline: { actor: string }[] };
    expect(await show(released.clientId)).toMatchObject({ state: 'released', timeline: [{ actor: 'cli', action: 'create', to: 'released' }] });
    expect((await show(released.clientId)).approvedDataPackages).toHaveLength(11);
    expect(await show(requested.clientId)).toMatchObject({ state: 'requested', approvedDataPackages: [], timeline: [{ actor: 'cli', action: 'create', to: 'requested' }] });
  }, 300_000);
});
