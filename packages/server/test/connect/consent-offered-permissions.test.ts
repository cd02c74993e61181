import { afterEach, describe, expect, it } from 'vitest';
import { findPermission } from '../../src/catalog/permissions.js';
import { escapeHtml } from '../../src/http/html.js';
import { authorizeUrl, ConnectDriver, type Step } from '../helpers/connect-driver.js';
import { evCapabilities, FakeProvider, fakeRegistry, fakeTeslaAccounts, iceCapabilities } from '../helpers/fake-provider.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** A permission's description as the page prints it (HTML-escaped). */
const shown = (permission: string): string => escapeHtml(findPermission(permission)?.description ?? permission);

/** The permission descriptions the consent screen lists, in order. */
function listedPermissions(page: Step): string[] {
  const packages = /<ul class="packages">([\s\S]*?)<\/ul>\n?<div class="actions">/.exec(page.html)?.[1] ?? '';
  return [...packages.matchAll(/<ul class="permissions">(.*?)<\/ul>/g)].flatMap((match) => [...(match[1] ?? '').matchAll(/<li>(.*?)(?:<span|<\/li>)/g)].map((item) => item[1] ?? ''));
}

/** What each vehicle card says it cannot share (empty when it shares everything listed). */
function lackingByVehicle(page: Step): string[] {
  return [...page.html.matchAll(/<label class="vehicle[^"]*"[\s\S]*?<\/label>/g)].map((card) => /class="muted lacking">This vehicle cannot share: (.*?)\.<\/span>/.exec(card[0])?.[1] ?? '');
}

describe('the consent screen lists what the vehicles can give', () => {
  let harness: TestApp | undefined;
  afterEach(async () => {
    await harness?.app.close();
    harness = undefined;
  });

  async function grantScreen(username: string): Promise<Step> {
    const accounts = [
      ...fakeTeslaAccounts(),
      {
        username: 'mixed@example.com',
        password: 'pw',
        vehicles: [
          { id: 'mixed-ev', vin: '5YJ3E1EA7KF317111', model: 'Model 3', year: 2020, capabilities: evCapabilities },
          { id: 'mixed-ice', vin: '5YJSA1CN5DFP00222', model: 'Model S', year: 2013, capabilities: iceCapabilities },
        ],
      },
    ];
    harness = await buildTestApp({ providers: fakeRegistry(new FakeProvider('TESLA', accounts)) });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Consent', redirectUris: ['https://app.example/cb'] });
    const driver = new ConnectDriver(harness.app);
    const scope = 'read_odometer read_battery read_fuel read_tires';
    const preamble = await driver.follow(await driver.get(authorizeUrl({ response_type: 'code', client_id: created.application.clientId, redirect_uri: 'https://app.example/cb', scope, mode: 'test', make: 'TESLA' })));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    return driver.submit(login, '/connect/login', { username, password: username === 'owner@example.com' ? 'correct horse' : 'pw' });
  }

  it('leaves out what no vehicle supports', async () => {
    const page = await grantScreen('owner@example.com');
    expect(page.status).toBe(200);
    expect([...listedPermissions(page)].sort()).toEqual([shown('read_battery'), shown('read_odometer')].sort());
    expect(lackingByVehicle(page)).toEqual(['', '']);
  });

  it('says which vehicle lacks a listed permission', async () => {
    const page = await grantScreen('mixed@example.com');
    const listed = listedPermissions(page);
    expect([...listed].sort()).toEqual([shown('read_battery'), shown('read_fuel'), shown('read_odometer')].sort());
    expect(lackingByVehicle(page)).toEqual([shown('read_fuel'), shown('read_battery')]);
  });
});
