/** @module `carport webhooks ...` end to end: a loopback receiver answers the challenge with the official SDK; deliveries are listed, shown and replayed. */
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, createServices, loadConfig } from '@carport/server';
import { databaseLine, runBuiltCli, runCli } from './run-cli.js';

/** The official SDK's challenge helper (the package ships no type declarations). */
const smartcar = createRequire(import.meta.url)('smartcar') as { hashChallenge(token: string, challenge: string): string };

const secretKey = 'cli-webhooks-secret-key-0123456789abcdefgh';

describe('carport webhooks', () => {
  let server: Server;
  let token = '';
  let challenges = 0;
  let env: Record<string, string>;
  beforeEach(async () => {
    env = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-cli-webhooks-')), CARPORT_SECRET_KEY: secretKey, CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback' };
    challenges = 0;
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        const body = JSON.parse(raw) as { eventName: string; payload: { challenge?: string } };
        challenges += body.eventName === 'verify' ? 1 : 0;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ challenge: smartcar.hashChallenge(token, body.payload.challenge ?? '') }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });
  const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  async function cli(args: string[]): Promise<unknown> {
    const result = await runCli(args, env);
    expect(result.stderr).toBe(databaseLine(env));
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as unknown;
  }

  it('creates a verified webhook, lists, shows, updates, re-verifies, lists and replays deliveries, and deletes it', async () => {
    const app = (await cli(['apps', 'create', '--name', 'hooks', '--redirect-uri', 'http://localhost:3000/cb', '--json'])) as { clientId: string; managementToken: string };
    token = app.managementToken;
    const created = (await cli([
      'webhooks', 'create', '--client-id', app.clientId, '--name', 'Charging', '--url', url('/hooks'), '--kind', 'eventBased', '--mode', 'simulated',
      '--event-type', 'CHARGING_STARTED', '--event-type', 'CHARGING_COMPLETED', '--json',
    ])) as { id: string; createdAt: string };
    expect(created).toEqual({
      id: expect.any(String) as unknown,
      name: 'Charging',
      callbackUrl: url('/hooks'),
      kind: 'eventBased',
      mode: 'simulated',
      enabled: true,
      eventTypes: ['CHARGING_STARTED', 'CHARGING_COMPLETED'],
      intervalSeconds: null,
      endpoints: null,
      verification: { status: 'verified', verifiedAt: expect.any(String) as unknown, error: null },
      createdAt: expect.any(String) as unknown,
      updatedAt: expect.any(String) as unknown,
    });
    expect(challenges).toBe(1);
    expect(((await cli(['webhooks', 'list', '--client-id', app.clientId, '--json'])) as { id: string }[]).map(({ id }) => id)).toEqual([created.id]);
    expect(await cli(['webhooks', 'show', created.id, '--json'])).toMatchObject({ id: created.id, vehicleIds: [] });
    expect(await cli(['webhooks', 'update', created.id, '--name', 'Charging v2', '--url', url('/v2'), '--json'])).toMatchObject({ name: 'Charging v2', callbackUrl: url('/v2'), verification: { status: 'verified' } });
    expect(await cli(['webhooks', 'verify', created.id, '--json'])).toMatchObject({ verification: { status: 'verified', error: null } });
    expect(challenges).toBe(3);

    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    let deliveryId: string;
    try {
      const application = await services.repositories.applications.findByClientId(app.clientId);
      const delivery = await services.repositories.outbox.enqueueDelivery({
        applicationId: application?.id ?? '',
        webhookId: created.id,
        eventType: 'CHARGING_STARTED',
        payload: { version: '2.0', webhookId: created.id, eventName: 'eventBased', mode: 'simulated', payload: { eventId: 'e-1' } },
      });
      deliveryId = delivery?.id ?? '';
    } finally {
      await services.close();
    }
    const listed = (await cli(['webhooks', 'deliveries', '--webhook', created.id, '--status', 'pending', '--json'])) as { deliveries: { id: string; eventId: string }[]; paging: unknown };
    expect(listed.deliveries.map(({ id, eventId }) => ({ id, eventId }))).toEqual([{ id: deliveryId, eventId: 'e-1' }]);
    expect(listed.paging).toEqual({ cursor: null });
    expect(await cli(['webhooks', 'deliveries', deliveryId, '--json'])).toMatchObject({ id: deliveryId, status: 'pending', attempts: [], body: { payload: { eventId: 'e-1' } } });
    expect(await cli(['webhooks', 'replay', deliveryId, '--json'])).toMatchObject({ eventId: 'e-1', replayOf: deliveryId, status: 'pending' });

    expect(await cli(['webhooks', 'delete', created.id, '--json'])).toEqual({ id: created.id, status: 'deleted' });
    expect(await cli(['webhooks', 'list', '--json'])).toEqual([]);
  }, 300_000);

  it("lists every application's deliveries newest first, with their event time and next attempt, one page at a time", async () => {
    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    const seeded: { id: string; clientId: string; eventTime: string; nextAttemptAt: string }[] = [];
    try {
      for (const [index, name] of ['first', 'second', 'first'].entries()) {
        const application = (await services.repositories.applications.list()).find((candidate) => candidate.name === name)
          ?? (await services.repositories.applications.createApplication({ name, redirectUris: ['https://app.example/cb'] })).application;
        const webhook = await services.repositories.webhooks.create({ applicationId: application.id, name: 'Charging', callbackUrl: 'https://app.example/hooks', kind: 'eventBased', mode: 'simulated', config: { eventTypes: ['CHARGING_STARTED'] } });
        const eventTime = `2026-11-22T0${index}:00:00.000Z`;
        // Held back a day, as a failed delivery waits for its retry.
        const availableAt = new Date(Date.now() + 86_400_000);
        const delivery = await services.repositories.outbox.enqueueDelivery({
          applicationId: application.id,
          webhookId: webhook.id,
          eventType: 'CHARGING_STARTED',
          payload: { version: '2.0', webhookId: webhook.id, eventName: 'eventBased', mode: 'simulated', payload: { eventId: `e-${index}`, eventType: 'CHARGING_STARTED', eventTime, data: {} } },
          availableAt,
        });
        seeded.push({ id: delivery?.id ?? '', clientId: application.clientId, eventTime, nextAttemptAt: availableAt.toISOString() });
        // Deliveries are ordered by the millisecond they were recorded.
        await sleep(5);
      }
    } finally {
      await services.close();
    }
    const [oldest, middle, newest] = seeded;
    const built = async (args: readonly string[]): Promise<string> => {
      const result = await runBuiltCli(args, env);
      expect(result.stderr).toBe(databaseLine(env));
      expect(result.code).toBe(0);
      return result.stdout;
    };
    const row = (delivery: (typeof seeded)[number] | undefined) => ({
      id: delivery?.id,
      clientId: delivery?.clientId,
      eventType: 'CHARGING_STARTED',
      eventTime: delivery?.eventTime,
      status: 'pending',
      failedAttempts: 0,
      nextAttemptAt: delivery?.nextAttemptAt,
    });
    const firstPage = JSON.parse(await built(['webhooks', 'deliveries', '--limit', '2', '--json'])) as { deliveries: unknown[]; paging: { cursor: string } };
    expect(firstPage).toEqual({ deliveries: [expect.objectContaining(row(newest)) as unknown, expect.objectContaining(row(middle)) as unknown], paging: { cursor: expect.any(String) as unknown } });
    const secondPage = JSON.parse(await built(['webhooks', 'deliveries', '--limit', '2', '--after', firstPage.paging.cursor, '--json'])) as { deliveries: unknown[]; paging: unknown };
    expect(secondPage).toEqual({ deliveries: [expect.objectContaining(row(oldest)) as unknown], paging: { cursor: null } });

    const text = (await built(['webhooks', 'deliveries', '--limit', '2'])).split('\n');
    expect(text[0]).toMatch(/^id +clientId +eventType +eventTime +vehicleId +status +failedAttempts +nextAttemptAt +deliveredAt$/);
    expect(text[1]).toMatch(new RegExp(`^${newest?.id ?? ''} +${newest?.clientId ?? ''} +CHARGING_STARTED +${newest?.eventTime ?? ''} +- +pending +0 +${newest?.nextAttemptAt ?? ''} +-$`));
    expect(text.slice(3)).toEqual([`more: carport webhooks deliveries --limit 2 --after ${firstPage.paging.cursor}`, '']);

    const own = (await built(['webhooks', 'deliveries', '--client-id', middle?.clientId ?? ''])).split('\n');
    expect(own[0]).toMatch(/^id +eventType +eventTime +vehicleId +status/);
    expect(own.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${middle?.id ?? ''} +CHARGING_STARTED `)) as unknown, '']);
    expect(await runBuiltCli(['webhooks', 'deliveries', '--after', 'not-a-cursor'], env)).toEqual({ code: 1, stdout: '', stderr: databaseLine(env) + 'carport: --after: The cursor is not one a previous page returned.\n' });
  }, 300_000);

  it('explains an invalid webhook and exits 1', async () => {
    const app = (await cli(['apps', 'create', '--name', 'hooks', '--json'])) as { clientId: string };
    const result = await runCli(['webhooks', 'create', '--client-id', app.clientId, '--name', 'Live', '--url', 'http://example.com/h', '--kind', 'scheduled', '--mode', 'live', '--endpoint', '/odometer'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(databaseLine(env) + 'carport: invalid webhook: callbackUrl must use https:// for a live-mode webhook; intervalSeconds must be an integer from 60 to 604800\n');
  }, 300_000);

  it('refuses a webhook for an application whose plan lacks webhooks, saying how to change the plan, and exits 1', async () => {
    env = { ...env, CARPORT_PLANS: '{"free":{"features":["batch"]}}' };
    const app = (await cli(['apps', 'create', '--name', 'hooks', '--json'])) as { clientId: string };
    const result = await runCli(['webhooks', 'create', '--client-id', app.clientId, '--name', 'Charging', '--url', url('/hooks'), '--kind', 'eventBased', '--mode', 'simulated', '--event-type', 'CHARGING_STARTED'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${databaseLine(env)}carport: the application's plan "free" does not include webhooks; move it to a plan that does: carport apps set-plan ${app.clientId} <plan>\n`);
    expect(challenges).toBe(0);
    const services = await createServices(loadConfig({ env }), { logger: createLogger('silent') });
    try {
      const application = await services.repositories.applications.findByClientId(app.clientId);
      expect(await services.repositories.webhooks.listByApplication(application?.id ?? '')).toEqual([]);
    } finally {
      await services.close();
    }
  }, 300_000);
});
