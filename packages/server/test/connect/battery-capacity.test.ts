/**
 * @module Battery Capacity's `url` and the Connect page it opens: the link's shape and signature,
 * forged and expired links, the form's CSRF and validation, and the choice answered afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CapacityLinkSigner } from '../../src/connect/capacity-link.js';
import { connectCapacityVehicle, type CapacityVehicle } from '../helpers/capacity-vehicle.js';
import { buildTestApp, testSecretKey, type TestApp } from '../helpers/test-app.js';

const redirectUri = 'https://planner.example/capacity/done';
const model3Capacities = [
  { capacity: 57.5, description: 'BEV:Standard Range Plus' },
  { capacity: 78.1, description: 'BEV:Long Range' },
  { capacity: 82, description: 'BEV:Performance' },
];

/** The link Carport must hand out at `now`, built independently of the code under test's URL assembly. */
function expectedLink(vehicle: CapacityVehicle, now: Date): string {
  const token = new CapacityLinkSigner(testSecretKey).issue({ vehicleId: vehicle.vehicleId, clientId: vehicle.clientId }, now);
  return `http://carport.test/connect/battery-capacity?vehicle_id=${vehicle.vehicleId}&client_id=${vehicle.clientId}&token=${token}&response_type=vehicle_id&redirect_uri=${encodeURIComponent(redirectUri)}`;
}

function csrfOf(page: LightMyRequestResponse): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page.body);
  if (match?.[1] === undefined) throw new Error(`no CSRF field in ${page.body}`);
  return match[1];
}

function cookiesOf(page: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(page.cookies.map((cookie) => [cookie.name, cookie.value]));
}

describe('battery capacity chosen by the owner', () => {
  let harness: TestApp;
  let vehicle: CapacityVehicle;
  let clock: number;
  const start = Date.parse('2026-11-22T10:00:00.000Z');

  beforeEach(async () => {
    clock = start;
    harness = await buildTestApp({ now: () => new Date(clock) });
    vehicle = await connectCapacityVehicle(harness.app, redirectUri);
  });
  afterEach(async () => {
    await harness.app.close();
  });

  const readCapacity = (app = harness.app) =>
    app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicle.vehicleId}/battery/nominal_capacity`, headers: { authorization: `Bearer ${vehicle.accessToken}` } });
  const linkOf = async (): Promise<URL> => new URL((await readCapacity()).json<{ url: string }>().url);
  const openLink = async (link: URL | string) => harness.app.inject({ method: 'GET', url: typeof link === 'string' ? link : `${link.pathname}${link.search}` });
  /** Opens the link, then posts the form with `fields` (the link's hidden fields, CSRF and cookie included unless overridden). */
  const submit = async (fields: Record<string, string>, options: { cookies?: Record<string, string> } = {}) => {
    const link = await linkOf();
    const page = await openLink(link);
    const form = { ...Object.fromEntries(link.searchParams), csrf: csrfOf(page), ...fields };
    return harness.app.inject({
      method: 'POST',
      url: '/connect/battery-capacity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: options.cookies ?? cookiesOf(page),
      payload: new URLSearchParams(form).toString(),
    });
  };

  it('hands out a signed link with the application’s vehicle id, client id, response_type and registered redirect URI', async () => {
    const response = await readCapacity();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ availableCapacities: model3Capacities, capacity: null, url: expectedLink(vehicle, new Date(start)) });
    const token = (await linkOf()).searchParams.get('token') ?? '';
    expect(token).toMatch(/^\d{10}\.[A-Za-z0-9_-]{43}$/);
    // The token stands for this vehicle of this application only.
    const signer = new CapacityLinkSigner(testSecretKey);
    expect(signer.check({ vehicleId: vehicle.vehicleId, clientId: vehicle.clientId }, token, new Date(start))).toBe('valid');
    expect(signer.check({ vehicleId: '00000000-0000-4000-8000-000000000000', clientId: vehicle.clientId }, token, new Date(start))).toBe('invalid');
  });

  it('shows the listed capacities in a form that only this page’s CSP-allowed redirect may follow', async () => {
    const page = await openLink(await linkOf());
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("form-action 'self' https://planner.example;");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    for (const option of model3Capacities) expect(page.body).toContain(`name="capacity" value="${option.capacity}"`);
    expect(page.body).toContain('Range Planner needs the nominal capacity');
    expect(page.body).toContain('name="other_capacity"');
    expect(page.cookies.map((cookie) => cookie.name)).toEqual([`carport_capacity_${vehicle.vehicleId}`]);
  });

  it('refuses a forged or altered link with an error page', async () => {
    const link = await linkOf();
    const forged = new URL(link);
    const token = link.searchParams.get('token') ?? '';
    // Change the last character to a different one (a fixed 'A' would leave one token in 64 intact).
    forged.searchParams.set('token', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    const otherVehicle = new URL(link);
    otherVehicle.searchParams.set('vehicle_id', '00000000-0000-4000-8000-000000000000');
    const otherClient = new URL(link);
    otherClient.searchParams.set('client_id', '00000000-0000-4000-8000-000000000001');
    const madeUp = new URL(link);
    madeUp.searchParams.set('token', '90abecb6-e7ab-4b85-864a-e1c8bf67f2ad');
    for (const candidate of [forged, otherVehicle, otherClient, madeUp]) {
      const page = await openLink(candidate);
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('This battery capacity link is not valid for this vehicle.');
      expect(page.body).toContain('<code>invalid_link</code>');
      expect(page.body).not.toContain('name="capacity"');
    }
  });

  it('refuses an expired link, on the page and on the form', async () => {
    const link = await linkOf();
    const page = await openLink(link);
    clock = start + 60 * 60 * 1000 + 1;
    const expired = await openLink(link);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This battery capacity link has expired.');
    const posted = await harness.app.inject({
      method: 'POST',
      url: '/connect/battery-capacity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: cookiesOf(page),
      payload: new URLSearchParams({ ...Object.fromEntries(link.searchParams), csrf: csrfOf(page), capacity: '78.1' }).toString(),
    });
    expect(posted.statusCode).toBe(410);
    expect((await readCapacity()).json<{ capacity: unknown }>().capacity).toBeNull();
  });

  it('refuses a redirect URI the application did not register, and another response_type', async () => {
    const link = await linkOf();
    const foreign = new URL(link);
    foreign.searchParams.set('redirect_uri', 'https://attacker.example/steal');
    const page = await openLink(foreign);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('redirect URI is missing or not registered');
    const code = new URL(link);
    code.searchParams.set('response_type', 'code');
    expect((await openLink(code)).statusCode).toBe(400);
    // Another URI the application registered is fine: the seed asks applications to append theirs.
    const second = new URL(link);
    second.searchParams.set('redirect_uri', 'https://other.example/second');
    expect((await openLink(second)).statusCode).toBe(200);
  });

  it('refuses a form without the page’s CSRF token or cookie', async () => {
    const wrongToken = await submit({ capacity: '78.1', csrf: 'not-the-token' });
    expect(wrongToken.statusCode).toBe(403);
    expect(wrongToken.body).toContain('<code>invalid_form</code>');
    const noCookie = await submit({ capacity: '78.1' }, { cookies: {} });
    expect(noCookie.statusCode).toBe(403);
    expect((await readCapacity()).json<{ capacity: unknown }>().capacity).toBeNull();
  });

  it('re-shows the form with a clear message for a missing, malformed or implausible value, escaping what was typed', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'Choose your battery’s capacity, or enter it.'],
      [{ capacity: 'other', other_capacity: '' }, 'Enter your battery’s capacity in kWh.'],
      [{ capacity: 'other', other_capacity: 'seventy' }, 'Enter the capacity as a number of kWh, for example 77.4.'],
      [{ capacity: 'other', other_capacity: '-5' }, 'Enter the capacity as a number of kWh, for example 77.4.'],
      [{ capacity: 'other', other_capacity: '0' }, 'Enter a capacity between 1 and 300 kWh.'],
      [{ capacity: 'other', other_capacity: '301' }, 'Enter a capacity between 1 and 300 kWh.'],
      [{ capacity: '99.9' }, 'Choose one of the listed capacities, or enter your own.'],
    ];
    for (const [fields, message] of cases) {
      const response = await submit(fields);
      expect(response.statusCode, message).toBe(400);
      expect(response.body).toContain(`<div class="alert" role="alert" id="capacity-error">${message}</div>`);
      expect(response.headers['content-security-policy']).toContain("form-action 'self' https://planner.example;");
    }
    const typed = await submit({ capacity: 'other', other_capacity: '"><script>alert(1)</script>' });
    expect(typed.statusCode).toBe(400);
    expect(typed.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(typed.body).not.toContain('<script>alert(1)');
    expect((await readCapacity()).json<{ capacity: unknown }>().capacity).toBeNull();
  });

  it('records a listed capacity, redirects with vehicle_id, and Battery Capacity answers it as USER_SELECTED', async () => {
    const response = await submit({ capacity: '78.1' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${redirectUri}?vehicle_id=${vehicle.vehicleId}`);
    const read = await readCapacity();
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ availableCapacities: model3Capacities, capacity: { nominal: 78.1, source: 'USER_SELECTED' }, url: expectedLink(vehicle, new Date(start)) });
    // Opening the link again shows the choice.
    expect((await openLink(await linkOf())).body).toContain('name="capacity" value="78.1" checked');
  });

  it('records an entered capacity (a decimal comma too)', async () => {
    const response = await submit({ capacity: 'other', other_capacity: '80,5' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${redirectUri}?vehicle_id=${vehicle.vehicleId}`);
    expect((await readCapacity()).json<unknown>()).toEqual({
      availableCapacities: model3Capacities,
      capacity: { nominal: 80.5, source: 'USER_SELECTED' },
      url: expectedLink(vehicle, new Date(start)),
    });
  });
});

describe('battery capacity across processes', () => {
  let dataDir: string;
  const apps: TestApp[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'carport-capacity-'));
  });
  afterEach(async () => {
    for (const harness of apps.splice(0)) await harness.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a choice made through one process is answered by another sharing the database', async () => {
    const env = { DATABASE_URL: '', CARPORT_DATA_DIR: dataDir };
    const first = await buildTestApp({ env });
    apps.push(first);
    const vehicle = await connectCapacityVehicle(first.app, redirectUri);
    const read = (app: TestApp) =>
      app.app.inject({ method: 'GET', url: `/v2.0/vehicles/${vehicle.vehicleId}/battery/nominal_capacity`, headers: { authorization: `Bearer ${vehicle.accessToken}` } });
    const link = new URL((await read(first)).json<{ url: string }>().url);
    const page = await first.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    const posted = await first.app.inject({
      method: 'POST',
      url: '/connect/battery-capacity',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookies: cookiesOf(page),
      payload: new URLSearchParams({ ...Object.fromEntries(link.searchParams), csrf: csrfOf(page), capacity: '57.5' }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    const second = await buildTestApp({ env });
    apps.push(second);
    expect((await read(second)).json<{ capacity: unknown }>().capacity).toEqual({ nominal: 57.5, source: 'USER_SELECTED' });
  });
});
