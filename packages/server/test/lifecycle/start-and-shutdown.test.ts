import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { CarportModule } from '../../src/http/carport-module.js';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { StartupError } from '../../src/app/startup-error.js';
import { CapturedLog, testConfig } from '../helpers/test-app.js';

function fileConfig(dataDir: string, env: Record<string, string> = {}) {
  return testConfig({ DATABASE_URL: '', CARPORT_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env });
}

const demoScope = 'read_vehicle_info read_vin read_odometer read_location read_battery read_charge read_charge_events read_security control_charge control_security';

function connectUrlOf(origin: string, clientId: string, redirectUri: string, scope: readonly string[] = demoScope.split(' ')): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: scope.join(' '), mode: 'simulated', state: 'demo' });
  return `${origin}/oauth/authorize?${query.toString()}`;
}

/** What a start after the first prints about the demo application. */
function demoNotice(clientId: string, origin: string, connectUrl: string, changes: readonly string[] = []): string {
  return [
    '',
    '================ Carport demo application =============================',
    `  client id:        ${clientId}`,
    `  redirect URI:     ${origin}/demo/callback`,
    `  Connect URL:      ${connectUrl}`,
    `  credentials:      npx carport apps show ${clientId}`,
    ...changes.map((change) => `  This start updated it: ${change}.`),
    '=======================================================================',
    '',
  ].join('\n');
}

describe('start-up and shutdown', () => {
  const running: RunningServer[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) await server.app.close();
  });

  it('creates and prints a demo application on the first start only; later starts print its Connect URL, never its secrets', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const printed: string[] = [];
    const output = { print: (text: string) => printed.push(text), warn: () => undefined };
    const first = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    running.push(first);
    expect(printed).toHaveLength(2);
    expect(printed[0]).toBe(`Carport is using the SQLite database ${join(dataDir, 'carport.sqlite')}`);
    const banner = printed[1] ?? '';
    const clientId = /client id: +(\S+)/.exec(banner)?.[1];
    const secret = /client secret: +(\S+)/.exec(banner)?.[1];
    const token = /management token: +(\S+)/.exec(banner)?.[1];
    const connect = /Connect URL: +(\S+)/.exec(banner)?.[1];
    expect(clientId).toBeDefined();
    expect(secret).toBeDefined();
    expect(token).toBeDefined();
    const url = new URL(connect ?? '');
    expect(url.origin + url.pathname).toBe('http://carport.test/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'http://carport.test/demo/callback',
      scope: 'read_vehicle_info read_vin read_odometer read_location read_battery read_charge read_charge_events read_security control_charge control_security',
      mode: 'simulated',
      state: 'demo',
    });
    const stored = await first.app.carport.repositories.applications.findByClientId(clientId ?? '');
    expect(stored?.name).toBe('Demo application');
    expect(stored?.plan).toBe('development');
    expect(await first.app.carport.repositories.applications.verifyClientSecret(clientId ?? '', secret ?? '')).not.toBeNull();
    await first.app.close();
    running.pop();

    const second = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    running.push(second);
    expect(printed.slice(2)).toEqual([`Carport is using the SQLite database ${join(dataDir, 'carport.sqlite')}`, demoNotice(clientId ?? '', 'http://carport.test', connect ?? '')]);
    expect(printed.slice(2).join('\n')).not.toContain(secret);
    expect(printed.slice(2).join('\n')).not.toContain(token);
    expect(await second.app.carport.repositories.applications.list()).toHaveLength(1);
  });

  it('brings a stale demo application scope up to date on a later start, saying so once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const printed: string[] = [];
    const output = { print: (text: string) => printed.push(text), warn: () => undefined };
    const first = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    const clientId = /client id: +(\S+)/.exec(printed[1] ?? '')?.[1] ?? '';
    // What an install created before the Webhooks walkthrough stored, plus a permission its operator added.
    const stored = await first.app.carport.repositories.applications.findByClientId(clientId);
    const oldScope = ['read_vehicle_info', 'read_vin', 'read_odometer', 'read_location', 'read_battery', 'read_charge', 'read_security', 'control_charge', 'control_security', 'read_fuel'];
    await first.app.carport.repositories.applications.update(stored?.id ?? '', { defaultScope: oldScope });
    await first.app.close();

    const second = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    running.push(second);
    const connect = connectUrlOf('http://carport.test', clientId, 'http://carport.test/demo/callback', [...oldScope, 'read_charge_events']);
    expect(printed.slice(3)).toEqual([demoNotice(clientId, 'http://carport.test', connect, ['its Connect URL now also asks for read_charge_events'])]);
    expect((await second.app.carport.repositories.applications.findByClientId(clientId))?.defaultScope).toEqual([...oldScope, 'read_charge_events']);
    await second.app.close();
    running.pop();

    running.push(await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output));
    expect(printed.slice(5)).toEqual([demoNotice(clientId, 'http://carport.test', connect)]);
  });

  it('moves the demo redirect URI to the new origin when PUBLIC_URL changes, keeping the redirect URIs its operator added', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const printed: string[] = [];
    const output = { print: (text: string) => printed.push(text), warn: () => undefined };
    const first = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    const clientId = /client id: +(\S+)/.exec(printed[1] ?? '')?.[1] ?? '';
    const stored = await first.app.carport.repositories.applications.findByClientId(clientId);
    await first.app.carport.repositories.applications.update(stored?.id ?? '', { redirectUris: ['http://carport.test/demo/callback', 'http://localhost:3000/callback'] });
    await first.app.close();

    const second = await startServer(fileConfig(dataDir, { PUBLIC_URL: 'http://localhost:9090' }), { logger: createLogger('silent') }, output);
    running.push(second);
    const connect = connectUrlOf('http://localhost:9090', clientId, 'http://localhost:9090/demo/callback');
    expect(printed.slice(3)).toEqual([
      demoNotice(clientId, 'http://localhost:9090', connect, [
        'its redirect URI moved from http://carport.test/demo/callback to http://localhost:9090/demo/callback (PUBLIC_URL or PORT changed)',
      ]),
    ]);
    expect((await second.app.carport.repositories.applications.findByClientId(clientId))?.redirectUris).toEqual(['http://localhost:9090/demo/callback', 'http://localhost:3000/callback']);
  });

  it('leaves a demo application alone once its operator replaced Carport\'s callback, and prints nothing about it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const printed: string[] = [];
    const output = { print: (text: string) => printed.push(text), warn: () => undefined };
    const first = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    const clientId = /client id: +(\S+)/.exec(printed[1] ?? '')?.[1] ?? '';
    const stored = await first.app.carport.repositories.applications.findByClientId(clientId);
    await first.app.carport.repositories.applications.update(stored?.id ?? '', { redirectUris: ['https://app.example.com/callback'] });
    await first.app.close();

    const second = await startServer(fileConfig(dataDir, { PUBLIC_URL: 'http://localhost:9090' }), { logger: createLogger('silent') }, output);
    running.push(second);
    expect(printed.slice(2)).toEqual([`Carport is using the SQLite database ${join(dataDir, 'carport.sqlite')}`]);
    expect((await second.app.carport.repositories.applications.findByClientId(clientId))?.redirectUris).toEqual(['https://app.example.com/callback']);
  });

  it('takes the port before anything else: a busy port fails with what to do, and no database is created', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'carport-start-')), 'data');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const printed: string[] = [];
    try {
      await expect(
        startServer(fileConfig(dataDir, { PORT: String(port) }), { logger: createLogger('silent') }, { print: (text) => printed.push(text), warn: (text) => printed.push(text) }),
      ).rejects.toThrow(new StartupError(`port ${port} is in use; set PORT=... (or stop the other process)`));
    } finally {
      busy.close();
    }
    expect(printed).toEqual([]);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('moves a demo application still on the free plan to the development plan on a later start, and no other', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const printed: string[] = [];
    const output = { print: (text: string) => printed.push(text), warn: () => undefined };
    const first = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    const clientId = /client id: +(\S+)/.exec(printed.find((text) => text.includes('client secret')) ?? '')?.[1] ?? '';
    const applications = first.app.carport.repositories.applications;
    const demo = await applications.findByClientId(clientId);
    // What an install created before the demo had its own plan stored; and an application of the operator's own.
    await applications.update(demo?.id ?? '', { plan: 'free' });
    const own = await applications.createApplication({ name: 'Own', redirectUris: ['https://own.example/cb'], defaultScope: [] });
    await first.app.close();

    const second = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output);
    expect((await second.app.carport.repositories.applications.findByClientId(clientId))?.plan).toBe('development');
    expect((await second.app.carport.repositories.applications.findByClientId(own.application.clientId))?.plan).toBe('free');
    // A plan the operator chose for the demo application stays.
    await second.app.carport.repositories.applications.update(demo?.id ?? '', { plan: 'build' });
    await second.app.close();

    running.push(await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, output));
    expect((await running[0]?.app.carport.repositories.applications.findByClientId(clientId))?.plan).toBe('build');
    // The secrets were printed once, by the first start.
    expect(printed.filter((text) => text.includes('client secret'))).toHaveLength(1);
  });

  it('prints development-default warnings loudly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const warned: string[] = [];
    const config = { ...fileConfig(dataDir), warnings: ['CARPORT_SECRET_KEY is unset: example'] };
    running.push(await startServer(config, { logger: createLogger('silent') }, { print: () => undefined, warn: (text) => warned.push(text) }));
    expect(warned).toEqual(['CARPORT_SECRET_KEY is unset: example']);
  });

  it('is ready only while the database answers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const server = await startServer(fileConfig(dataDir), { logger: createLogger('silent') }, { print: () => undefined, warn: () => undefined });
    running.push(server);
    const ready = await fetch(`${server.address}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', schema: 'ok', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } });
    await server.app.carport.store.close();
    const unready = await fetch(`${server.address}/readyz`);
    expect(unready.status).toBe(503);
    expect(await unready.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable', migrations: 'ok', schema: 'unknown', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } });
    const live = await fetch(`${server.address}/healthz`);
    expect(live.status).toBe(200);
  });

  it('drains in-flight requests and background work before closing the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-start-'));
    const events: string[] = [];
    const slowModule: CarportModule = {
      name: 'slow',
      register(app, context) {
        context.backgroundTasks.add({
          name: 'probe-worker',
          stop: async () => {
            await delay(50);
            events.push('worker stopped');
          },
        });
        app.get('/slow', async () => {
          await delay(300);
          events.push('slow request finished');
          return { done: true };
        });
      },
    };
    const log = new CapturedLog();
    const server = await startServer(fileConfig(dataDir), { logger: createLogger('info', log.stream), modules: [slowModule] }, { print: () => undefined, warn: () => undefined });
    const store = server.app.carport.store;
    const inFlight = fetch(`${server.address}/slow`);
    await delay(50);
    const closing = server.app.close().then(() => events.push('closed'));
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    expect(events).toEqual(['slow request finished', 'worker stopped', 'closed']);
    await expect(store.ping()).rejects.toThrow();
    await expect(fetch(`${server.address}/healthz`)).rejects.toThrow();
  });
});
