/**
 * @module What the owner's browser is answered when an approval meets a constraint violation, on
 * SQLite and PostgreSQL: an application deleted mid-flow gets Connect's own error page (there is no
 * application left to redirect to), a grant that raced this one in gets the application's redirect
 * with `server_error`. Before, both were a 500.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Repositories } from '../../src/store/index.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams, type Step } from '../helpers/connect-driver.js';
import { FakeProvider, fakeRegistry, fakeTeslaAccounts } from '../helpers/fake-provider.js';
import { buildTestApp, tickingClock, type TestApp } from '../helpers/test-app.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';

const redirectUri = 'https://app.example/callback';

function refusals(databaseUrl: () => string): void {
  let harness: TestApp;
  let application: { id: string; clientId: string };

  beforeEach(async () => {
    harness = await buildTestApp({ providers: fakeRegistry(new FakeProvider('TESLA', fakeTeslaAccounts())), now: tickingClock(), env: { DATABASE_URL: databaseUrl() } });
    const created = await harness.app.carport.repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: [redirectUri] });
    application = { id: created.application.id, clientId: created.application.clientId };
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await harness.app.close();
  });

  /** Signs in as the fake Tesla owner and answers the driver at the grant page. */
  async function atGrantPage(): Promise<{ driver: ConnectDriver; grant: Step }> {
    const driver = new ConnectDriver(harness.app);
    const url = authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info', state: 's', mode: 'live', make: 'TESLA' });
    const preamble = await driver.follow(await driver.get(url));
    const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
    const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    return { driver, grant };
  }

  it('shows Connect’s own error page, 400 and no redirect, when the application was deleted before the owner approved', async () => {
    const { driver, grant } = await atGrantPage();
    expect(await harness.app.carport.repositories.applications.delete(application.id)).toBe(true);

    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3'] });

    expect(done.status).toBe(400);
    expect(done.location).toBeUndefined();
    expect(done.response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(done.html).toContain('<div class="alert" role="alert">The application this Connect link belongs to no longer exists.</div>');
    expect(done.html).toContain('Error: <code>invalid_request</code>');
  });

  it('redirects with server_error when another consent’s grant of the vehicle lands before this one’s, and stores nothing', async () => {
    const { driver, grant } = await atGrantPage();
    const repositories = harness.app.carport.repositories;
    const transaction = repositories.transaction.bind(repositories);
    // Each grant this consent inserts meets a grant with its vehicle id already active, as a racing consent's would be.
    vi.spyOn(repositories, 'transaction').mockImplementation(<T>(work: (open: Repositories) => Promise<T>) =>
      transaction((open) =>
        work({
          ...open,
          connections: {
            ...open.connections,
            create: async (input) => {
              const raced = await open.connections.create(input);
              return open.connections.create({ ...input, applicationVehicleId: raced.applicationVehicleId });
            },
          },
        }),
      ),
    );

    const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3'] });

    expect(done.status).toBe(303);
    expect(redirectParams(done.location)).toEqual({
      error: 'server_error',
      error_description: 'Another consent for the same vehicle was recorded at the same moment; start Connect again.',
      state: 's',
    });
    vi.restoreAllMocks();
    const page = await repositories.connections.listByApplication(application.id, { limit: 10 });
    expect(page.items).toEqual([]);
  });
}

describe('approval refusals [sqlite]', () => {
  refusals(() => 'sqlite::memory:');
});

describePostgres('approval refusals [postgres]', () => {
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
  });
  afterAll(async () => {
    await scratch?.drop();
  });
  refusals(() => {
    if (scratch === undefined) throw new Error('the scratch database is created before the tests');
    return scratch.url;
  });
});
