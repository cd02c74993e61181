/**
 * The live NIO provider through the shared upstream machinery, against the emulated NIO cloud:
 * bounded retries of reads (never of commands NIO may have received), the circuit breaker opening
 * and closing, daily budgets refusing before NIO is asked (the change feed spending from them too),
 * and reads served from the resources last seen within a caller's maximum age. Upstream calls are
 * counted in the emulator.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedNioCloud } from '@carport/emulators';
import smartcar from 'smartcar';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { createLogger } from '../../src/logging/logger.js';
import { NioApiClient } from '../../src/providers/nio/nio-api-client.js';
import { nioDailyBudget } from '../../src/providers/nio/nio-budget.js';
import { UpstreamNotReached } from '../../src/providers/upstream/index.js';
import { VehicleError, type ReadOutcome } from '../../src/providers/vehicle-provider.js';
import { testConfig } from '../helpers/test-app.js';
import { connectThroughNio } from './nio-connect.js';
import { nioHarness, nioParkedAt, nioPermissions, type NioHarness } from './nio-subject.js';
import { testUpstreamKit } from './tesla-subject.js';

/** What a read outcome says, for whole comparisons. */
function verdict(outcome: ReadOutcome | undefined): unknown {
  if (outcome === undefined) return 'none';
  return outcome.ok ? { ok: true } : { type: outcome.error.type, code: outcome.error.code, retryAfterSeconds: outcome.error.retryAfterSeconds };
}

function apiCalls(harness: NioHarness, fragment: string): number {
  return harness.cloud.apiRequests.filter((request) => request.includes(fragment)).length;
}

async function commandError(harness: NioHarness): Promise<unknown> {
  try {
    await harness.provider.execute(harness.ref, { endpointId: 'controlCharge', body: { action: 'START' } });
    return 'succeeded';
  } catch (error) {
    return error instanceof VehicleError ? { type: error.type, code: error.code } : error;
  }
}

describe('the NIO provider behind the upstream machinery', () => {
  let harness: NioHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('retries a read after 5xx and timeouts a bounded number of times, and never after 429, garbage or an offline car', async () => {
    harness = await nioHarness({ upstream: testUpstreamKit({ retries: 2 }), timeoutMs: 300 });
    const { cloud, provider, ref } = harness;
    const cases = [
      { fault: { kind: 'server_error', status: 503 }, times: 3, calls: 3, expected: { type: 'UPSTREAM', code: 'UNKNOWN_ISSUE', retryAfterSeconds: undefined } },
      { fault: { kind: 'slow', delayMs: 60_000 }, times: 3, calls: 3, expected: { type: 'UPSTREAM', code: 'NO_RESPONSE', retryAfterSeconds: undefined } },
      { fault: { kind: 'rate_limit', retryAfterSeconds: 42 }, times: 1, calls: 1, expected: { type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfterSeconds: 42 } },
      { fault: { kind: 'garbage' }, times: 1, calls: 1, expected: { type: 'UPSTREAM', code: 'INVALID_DATA', retryAfterSeconds: undefined } },
      { fault: { kind: 'offline' }, times: 1, calls: 1, expected: { type: 'VEHICLE_STATE', code: 'UNREACHABLE', retryAfterSeconds: undefined } },
      { fault: { kind: 'server_error', status: 502 }, times: 2, calls: 3, expected: { ok: true } },
    ] as const;
    for (const { fault, times, calls, expected } of cases) {
      cloud.inject(fault, times, 'vehicle');
      const before = apiCalls(harness, '/details');
      const [outcome] = await provider.read(ref, [{ endpointId: 'getOdometer' }]);
      expect([fault.kind, verdict(outcome), apiCalls(harness, '/details') - before, cloud.faults.pending]).toEqual([fault.kind, expected, calls, 0]);
    }
  });

  it('sends a command once after a 5xx (NIO may have carried it out)', async () => {
    harness = await nioHarness({ upstream: testUpstreamKit({ retries: 2 }) });
    harness.cloud.inject({ kind: 'server_error', status: 503 }, 3, 'vehicle');
    expect(await commandError(harness)).toEqual({ type: 'UPSTREAM', code: 'UNKNOWN_ISSUE' });
    expect(apiCalls(harness, '/charging/start')).toBe(1);
  });

  it('tells a refused connection apart, as the one outage after which a command may be sent again', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      closed.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
    });
    const client = new NioApiClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5_000 });
    const failure = await client.send({ method: 'POST', path: '/api/v1/vehicles/v/charging/start', accessToken: 'token' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamNotReached);
    expect([(failure as UpstreamNotReached).type, (failure as UpstreamNotReached).code]).toEqual(['UPSTREAM', 'NO_RESPONSE']);
  });

  it('opens the breaker after consecutive failures, answers at once while open, and closes after a successful trial', async () => {
    const events: string[] = [];
    harness = await nioHarness({
      upstream: testUpstreamKit({
        failureThreshold: 3,
        coolDownMs: 300,
        events: { opened: (endpoint, coolDownMs) => events.push(`opened ${endpoint} ${coolDownMs}`), halfOpened: (endpoint) => events.push(`half-open ${endpoint}`), closed: (endpoint) => events.push(`closed ${endpoint}`) },
      }),
    });
    const { cloud, provider, ref } = harness;
    const endpoint = `nio ${cloud.origin}`;
    cloud.inject({ kind: 'server_error', status: 500 }, 3, 'vehicle');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }]))[0])).toEqual({ type: 'UPSTREAM', code: 'UNKNOWN_ISSUE', retryAfterSeconds: undefined });
    }
    expect(events).toEqual([`opened ${endpoint} 300`]);
    const asked = cloud.apiRequests.length;
    const [refused] = await provider.read(ref, [{ endpointId: 'getOdometer' }]);
    expect(verdict(refused)).toEqual({ type: 'UPSTREAM', code: 'NO_RESPONSE', retryAfterSeconds: 1 });
    await expect(commandError(harness)).resolves.toEqual({ type: 'UPSTREAM', code: 'NO_RESPONSE' });
    expect(cloud.apiRequests.length).toBe(asked);
    // Once the cool-down has passed, the next read is the trial call; it succeeds and closes the breaker.
    await vi.waitFor(async () => {
      expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }]))[0])).toEqual({ ok: true });
    }, { timeout: 20_000, interval: 50 });
    expect(events).toEqual([`opened ${endpoint} 300`, `half-open ${endpoint}`, `closed ${endpoint}`]);
    expect(cloud.apiRequests.length).toBe(asked + 1);
  });

  it('charges reads, commands and change-feed polls to the daily budget and refuses beyond it without asking NIO, until midnight UTC', async () => {
    const kit = testUpstreamKit({ now: () => nioParkedAt });
    harness = await nioHarness({ upstream: kit });
    const { cloud, provider, ref } = harness;
    const vehicle = { providerId: 'nio', providerVehicleId: ref.providerVehicleId };
    const untilMidnight = (Date.parse('2026-03-05T00:00:00.000Z') - nioParkedAt) / 1000;
    const reset = new Date('2026-03-05T00:00:00.000Z');
    expect(provider.upstreamBudget).toEqual({ data: 4000, commands: 100, wakes: 0 });
    // Linking listed the vehicles (an account request, not charged) and read the feed's position once.
    expect(await kit.budgets.standings(vehicle, nioDailyBudget)).toEqual({
      data: { limit: 4000, remaining: 3999, resetsAt: reset },
      commands: { limit: 100, remaining: 100, resetsAt: reset },
      wakes: { limit: 0, remaining: 0, resetsAt: reset },
    });
    // One request per resource: details and charging.
    expect((await provider.read(ref, [{ endpointId: 'getOdometer' }, { endpointId: 'nioGetBattery' }])).map(verdict)).toEqual([{ ok: true }, { ok: true }]);
    expect((await kit.budgets.standings(vehicle, nioDailyBudget)).data.remaining).toBe(3997);
    await cloud.garage.plugIn(harness.vehicle);
    expect(await commandError(harness)).toBe('succeeded');
    expect((await kit.budgets.standings(vehicle, nioDailyBudget)).commands.remaining).toBe(99);
    await provider.polling?.poll(ref, null, { requests: 1, mayWake: false });
    expect((await kit.budgets.standings(vehicle, nioDailyBudget)).data.remaining).toBe(3996);
    for (let spent = 4; spent < 4000; spent += 1) await kit.budgets.charge(vehicle, nioDailyBudget, 'data', 'NIO');
    for (let spent = 1; spent < 100; spent += 1) await kit.budgets.charge(vehicle, nioDailyBudget, 'commands', 'NIO');
    const asked = cloud.apiRequests.length;
    expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }]))[0])).toEqual({ type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfterSeconds: untilMidnight });
    await expect(commandError(harness)).resolves.toEqual({ type: 'UPSTREAM', code: 'RATE_LIMIT' });
    await expect(provider.polling?.poll(ref, null, { requests: 1, mayWake: false })).rejects.toMatchObject({ type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfterSeconds: untilMidnight });
    expect(cloud.apiRequests.length).toBe(asked);
    expect(await kit.budgets.standings(vehicle, nioDailyBudget)).toEqual({
      data: { limit: 4000, remaining: 0, resetsAt: reset },
      commands: { limit: 100, remaining: 0, resetsAt: reset },
      wakes: { limit: 0, remaining: 0, resetsAt: reset },
    });
  });

  it('answers from the resources last seen when the caller accepts their age, without asking NIO', async () => {
    const providerNow = nioParkedAt + 120_000;
    harness = await nioHarness({ now: () => new Date(providerNow) });
    const { provider, ref } = harness;
    const [first] = await provider.read(ref, [{ endpointId: 'getOdometer' }]);
    if (first?.ok !== true) throw new Error('the first read failed');
    const ageSeconds = (providerNow - first.recordedAt.getTime()) / 1000;
    expect(ageSeconds).toBeGreaterThanOrEqual(1);
    const asked = apiCalls(harness, '/details');
    const cached = await provider.read(ref, [{ endpointId: 'getOdometer' }], { maxAgeSeconds: Math.ceil(ageSeconds) });
    expect(cached).toEqual([first]);
    expect(apiCalls(harness, '/details')).toBe(asked);
    const fresh = await provider.read(ref, [{ endpointId: 'getOdometer' }], { maxAgeSeconds: Math.floor(ageSeconds) - 1 });
    expect(fresh).toEqual([first]);
    expect(apiCalls(harness, '/details')).toBe(asked + 1);
    // Without a maximum age NIO is asked every time.
    await provider.read(ref, [{ endpointId: 'getOdometer' }]);
    expect(apiCalls(harness, '/details')).toBe(asked + 2);
    // A resource never seen is fetched whatever the maximum age; the one seen is not.
    const locations = apiCalls(harness, '/location');
    const batch = await provider.read(ref, [{ endpointId: 'getOdometer' }, { endpointId: 'getLocation' }], { maxAgeSeconds: 86_400 });
    expect(batch.map(verdict)).toEqual([{ ok: true }, { ok: true }]);
    expect([apiCalls(harness, '/details'), apiCalls(harness, '/location')]).toEqual([asked + 2, locations + 1]);
  });
});

describe('NIO budgets and maximum age through the Vehicle API', () => {
  const owner = 'budget@nio.test';
  const redirectUri = 'https://app.example/callback';
  let cloud: EmulatedNioCloud;
  let server: RunningServer;
  let auth: smartcar.AuthClient;

  beforeAll(async () => {
    cloud = await EmulatedNioCloud.start({ accounts: [owner], now: () => new Date(nioParkedAt) });
    server = await startServer(
      testConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        CARPORT_DEMO_APP: 'false',
        CARPORT_READ_CACHE_TTL_MS: '0',
        CARPORT_SIMULATED_MODES: 'test,simulated',
        CARPORT_NIO_CLIENT_ID: cloud.clientId,
        CARPORT_NIO_CLIENT_SECRET: cloud.clientSecret,
        CARPORT_NIO_AUTH_URL: cloud.origin,
        CARPORT_NIO_API_URL: cloud.origin,
        // No background poll, so every request NIO received was one this test caused.
        CARPORT_NIO_POLL_INTERVAL_MS: '3600000',
        CARPORT_UPSTREAM_RETRIES: '0',
      }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    process.env.SMARTCAR_API_ORIGIN = server.address;
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
    const created = await server.app.carport.repositories.applications.createApplication({ name: 'Budget Watcher', redirectUris: [redirectUri] });
    auth = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, redirectUri, mode: 'live' });
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    await server.app.close();
    await cloud.close();
  });

  it('states the budgets left in Carport-Upstream-Budget and answers Carport-Max-Age reads without asking NIO', async () => {
    const { accessToken, vehicleId, vehicle } = await connectThroughNio(server.app, auth, cloud, owner, ['read_vin', ...nioPermissions], redirectUri);
    const prefix = `/api/v1/vehicles/${vehicle.virtualVehicleId}/`;
    const dataCalls = (): number => cloud.apiRequests.filter((request) => request.includes(prefix) && !request.includes('/charging/')).length;
    const read = async (headers: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof server.app.inject>>> =>
      await server.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicleId}/odometer`, headers: { authorization: `Bearer ${accessToken}`, ...headers } });
    const first = await read();
    expect([first.statusCode, first.headers['carport-upstream-budget']]).toEqual([200, `data=${4000 - dataCalls()}; commands=100; wakes=0`]);
    const asked = dataCalls();
    const cached = await read({ 'carport-max-age': '31536000' });
    expect([cached.statusCode, cached.json(), cached.headers['sc-data-age'], dataCalls()]).toEqual([200, first.json(), first.headers['sc-data-age'], asked]);
    expect(cached.headers['carport-upstream-budget']).toBe(`data=${4000 - asked}; commands=100; wakes=0`);
    const refetched = await read({ 'carport-max-age': '0' });
    expect([refetched.statusCode, dataCalls(), refetched.headers['carport-upstream-budget']]).toEqual([200, asked + 1, `data=${4000 - asked - 1}; commands=100; wakes=0`]);
    await cloud.garage.plugIn(vehicle);
    const started = await new smartcar.Vehicle(vehicleId, accessToken).startCharge();
    expect(started.status).toBe('success');
    const after = await read({ 'carport-max-age': '31536000' });
    expect(after.headers['carport-upstream-budget']).toBe(`data=${4000 - asked - 1}; commands=99; wakes=0`);
  });
});
