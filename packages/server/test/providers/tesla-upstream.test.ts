/**
 * The live Tesla provider through the shared upstream machinery, against the emulated Tesla cloud:
 * bounded retries of reads (never of commands Tesla may have received), the circuit breaker opening
 * and closing, daily budgets refusing before Tesla is asked, reads served from the last data seen
 * within a caller's maximum age, and wake-ups only for fresher data and within the wake budget.
 * Upstream calls are counted in the emulator.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VehicleError, type ReadOutcome } from '../../src/providers/vehicle-provider.js';
import { teslaDailyBudget } from '../../src/providers/tesla/tesla-budget.js';
import { parkedAt, teslaHarness, testUpstreamKit, type TeslaHarness } from './tesla-subject.js';

/** What a read outcome says, for whole comparisons. */
function verdict(outcome: ReadOutcome | undefined): unknown {
  if (outcome === undefined) return 'none';
  return outcome.ok ? { ok: true } : { type: outcome.error.type, code: outcome.error.code, retryAfterSeconds: outcome.error.retryAfterSeconds };
}

function fleetCalls(harness: TeslaHarness, fragment: string): number {
  return harness.cloud.fleetRequests.filter((request) => request.includes(fragment)).length;
}

async function commandError(harness: TeslaHarness): Promise<unknown> {
  try {
    await harness.provider.execute(harness.ref, { endpointId: 'lockUnlock', body: { action: 'LOCK' } });
    return 'succeeded';
  } catch (error) {
    return error instanceof VehicleError ? { type: error.type, code: error.code } : error;
  }
}

/**
 * Has the provider ask `fleet_status` once, as a vehicle's first command does: the car takes REST
 * commands, which the provider then remembers, so the injected faults and spent budgets below meet
 * the command itself.
 */
async function learnKeyStatus(harness: TeslaHarness): Promise<void> {
  const [status] = await harness.provider.read(harness.ref, [{ endpointId: 'teslaGetVirtualKeyStatus' }]);
  expect(status).toMatchObject({ ok: true, body: { isPaired: false } });
}

describe('the Tesla provider behind the upstream machinery', () => {
  let harness: TeslaHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('retries a read after 5xx and timeouts a bounded number of times, and never after 429, garbage or a sleeping car', async () => {
    harness = await teslaHarness({ upstream: testUpstreamKit({ retries: 2 }), timeoutMs: 300 });
    const { cloud, provider, ref } = harness;
    const cases = [
      { fault: { kind: 'server_error', status: 503 }, times: 5, calls: 3, expected: { type: 'UPSTREAM', code: 'UNKNOWN_ISSUE', retryAfterSeconds: undefined } },
      { fault: { kind: 'slow', delayMs: 60_000 }, times: 3, calls: 3, expected: { type: 'UPSTREAM', code: 'NO_RESPONSE', retryAfterSeconds: undefined } },
      { fault: { kind: 'rate_limit', retryAfterSeconds: 42 }, times: 1, calls: 1, expected: { type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfterSeconds: 42 } },
      { fault: { kind: 'garbage' }, times: 1, calls: 1, expected: { type: 'UPSTREAM', code: 'INVALID_DATA', retryAfterSeconds: undefined } },
      { fault: { kind: 'asleep' }, times: 1, calls: 1, expected: { type: 'VEHICLE_STATE', code: 'ASLEEP', retryAfterSeconds: undefined } },
      { fault: { kind: 'server_error', status: 502 }, times: 2, calls: 3, expected: { ok: true } },
    ] as const;
    for (const { fault, times, calls, expected } of cases) {
      cloud.faults.clear();
      cloud.inject(fault, times);
      const before = fleetCalls(harness, '/vehicle_data');
      const [outcome] = await provider.read(ref, [{ endpointId: 'getTirePressure' }]);
      expect([fault.kind, verdict(outcome), fleetCalls(harness, '/vehicle_data') - before]).toEqual([fault.kind, expected, calls]);
    }
  });

  it('sends a command once after a 5xx (Tesla may have carried it out)', async () => {
    harness = await teslaHarness({ upstream: testUpstreamKit({ retries: 2 }) });
    await learnKeyStatus(harness);
    harness.cloud.inject({ kind: 'server_error', status: 503 }, 3);
    expect(await commandError(harness)).toEqual({ type: 'UPSTREAM', code: 'UNKNOWN_ISSUE' });
    expect(fleetCalls(harness, '/command/')).toBe(1);
  });

  it('opens the breaker after consecutive failures, answers at once while open, and closes after a successful trial', async () => {
    const events: string[] = [];
    harness = await teslaHarness({
      upstream: testUpstreamKit({
        failureThreshold: 3,
        coolDownMs: 300,
        events: { opened: (endpoint, coolDownMs) => events.push(`opened ${endpoint} ${coolDownMs}`), halfOpened: (endpoint) => events.push(`half-open ${endpoint}`), closed: (endpoint) => events.push(`closed ${endpoint}`) },
      }),
    });
    const { cloud, provider, ref } = harness;
    const endpoint = `tesla ${cloud.origin}`;
    cloud.inject({ kind: 'server_error', status: 500 }, 3);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }]))[0])).toEqual({ type: 'UPSTREAM', code: 'UNKNOWN_ISSUE', retryAfterSeconds: undefined });
    }
    expect(events).toEqual([`opened ${endpoint} 300`]);
    const asked = cloud.fleetRequests.length;
    const [refused] = await provider.read(ref, [{ endpointId: 'getOdometer' }]);
    expect(verdict(refused)).toEqual({ type: 'UPSTREAM', code: 'NO_RESPONSE', retryAfterSeconds: 1 });
    await expect(commandError(harness)).resolves.toEqual({ type: 'UPSTREAM', code: 'NO_RESPONSE' });
    expect(cloud.fleetRequests.length).toBe(asked);
    // Once the cool-down has passed, the next read is the trial call; it succeeds and closes the breaker.
    await vi.waitFor(async () => {
      expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }]))[0])).toEqual({ ok: true });
    }, { timeout: 20_000, interval: 50 });
    expect(events).toEqual([`opened ${endpoint} 300`, `half-open ${endpoint}`, `closed ${endpoint}`]);
    expect(cloud.fleetRequests.length).toBe(asked + 1);
  });

  it('refuses reads, commands and wakes beyond the daily budget without asking Tesla, until midnight UTC', async () => {
    const now = (): number => parkedAt;
    const kit = testUpstreamKit({ now });
    harness = await teslaHarness({ upstream: kit });
    const { cloud, provider, ref } = harness;
    const vehicle = { providerId: 'tesla', providerVehicleId: ref.providerVehicleId };
    const untilMidnight = (Date.parse('2026-03-05T00:00:00.000Z') - parkedAt) / 1000;
    const reset = new Date('2026-03-05T00:00:00.000Z');
    // Linking read the car's configuration once.
    expect(await kit.budgets.standings(vehicle, teslaDailyBudget)).toEqual({
      data: { limit: 200, remaining: 199, resetsAt: reset },
      commands: { limit: 50, remaining: 50, resetsAt: reset },
      wakes: { limit: 15, remaining: 15, resetsAt: reset },
    });
    expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }, { endpointId: 'getBatteryLevel' }]))[0])).toEqual({ ok: true });
    expect((await kit.budgets.standings(vehicle, teslaDailyBudget)).data.remaining).toBe(198);
    for (let spent = 2; spent < 200; spent += 1) await kit.budgets.charge(vehicle, teslaDailyBudget, 'data', 'Tesla');
    for (let spent = 0; spent < 50; spent += 1) await kit.budgets.charge(vehicle, teslaDailyBudget, 'commands', 'Tesla');
    await learnKeyStatus(harness);
    const asked = cloud.fleetRequests.length;
    expect(verdict((await provider.read(ref, [{ endpointId: 'getOdometer' }]))[0])).toEqual({ type: 'UPSTREAM', code: 'RATE_LIMIT', retryAfterSeconds: untilMidnight });
    await expect(commandError(harness)).resolves.toEqual({ type: 'UPSTREAM', code: 'RATE_LIMIT' });
    expect(cloud.fleetRequests.length).toBe(asked);
    expect(await kit.budgets.standings(vehicle, teslaDailyBudget)).toEqual({
      data: { limit: 200, remaining: 0, resetsAt: reset },
      commands: { limit: 50, remaining: 0, resetsAt: reset },
      wakes: { limit: 15, remaining: 15, resetsAt: reset },
    });
  });

  it('answers from the data last seen when the caller accepts its age, without asking Tesla', async () => {
    const providerNow = parkedAt + 120_000;
    harness = await teslaHarness({ now: () => new Date(providerNow) });
    const { cloud, provider, ref } = harness;
    const [first] = await provider.read(ref, [{ endpointId: 'getBatteryLevel' }]);
    if (first?.ok !== true) throw new Error('the first read failed');
    const ageSeconds = (providerNow - first.recordedAt.getTime()) / 1000;
    expect(ageSeconds).toBeGreaterThanOrEqual(120);
    const asked = fleetCalls(harness, '/vehicle_data');
    const cached = await provider.read(ref, [{ endpointId: 'getBatteryLevel' }], { maxAgeSeconds: Math.ceil(ageSeconds) });
    expect(cached).toEqual([first]);
    expect(fleetCalls(harness, '/vehicle_data')).toBe(asked);
    const fresh = await provider.read(ref, [{ endpointId: 'getBatteryLevel' }], { maxAgeSeconds: Math.floor(ageSeconds) - 1 });
    expect(fresh).toEqual([first]);
    expect(fleetCalls(harness, '/vehicle_data')).toBe(asked + 1);
    // Sections never seen are fetched whatever the maximum age.
    await provider.read(ref, [{ endpointId: 'getOdometer' }], { maxAgeSeconds: 86_400 });
    expect(fleetCalls(harness, '/vehicle_data')).toBe(asked + 2);
    expect(cloud.wakeUps).toBe(0);
  });

  it('wakes a sleeping car only for a caller who needs fresher data than last seen, polling until it is online', async () => {
    const providerNow = parkedAt + 120_000;
    harness = await teslaHarness({ now: () => new Date(providerNow), wakeDelayMs: 100 });
    const { cloud, provider, ref, vehicle } = harness;
    const [first] = await provider.read(ref, [{ endpointId: 'getBatteryLevel' }]);
    if (first?.ok !== true) throw new Error('the first read failed');
    vehicle.asleep = true;
    // No maximum age: the last data seen, with its true age, and the car left asleep.
    expect(await provider.read(ref, [{ endpointId: 'getBatteryLevel' }])).toEqual([first]);
    expect([cloud.wakeUps, vehicle.asleep]).toEqual([0, true]);
    const woken = await provider.read(ref, [{ endpointId: 'getBatteryLevel' }], { maxAgeSeconds: 1 });
    expect(woken).toEqual([first]);
    expect([cloud.wakeUps, vehicle.asleep]).toEqual([1, false]);
    const vehiclePolls = cloud.fleetRequests.filter((request) => request === `GET /api/1/vehicles/${vehicle.id}`).length;
    expect(vehiclePolls).toBeGreaterThanOrEqual(1);
  });

  it('answers VEHICLE_STATE:ASLEEP instead of waking once the wake budget is spent', async () => {
    const kit = testUpstreamKit();
    harness = await teslaHarness({ upstream: kit });
    const { cloud, provider, ref, vehicle } = harness;
    for (let spent = 0; spent < 15; spent += 1) await kit.budgets.charge({ providerId: 'tesla', providerVehicleId: ref.providerVehicleId }, teslaDailyBudget, 'wakes', 'Tesla');
    vehicle.asleep = true;
    const [outcome] = await provider.read(ref, [{ endpointId: 'getBatteryLevel' }], { maxAgeSeconds: 60 });
    expect(verdict(outcome)).toEqual({ type: 'VEHICLE_STATE', code: 'ASLEEP', retryAfterSeconds: undefined });
    expect([cloud.wakeUps, vehicle.asleep]).toEqual([0, true]);
  });
});
