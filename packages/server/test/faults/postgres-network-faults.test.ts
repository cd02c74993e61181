/**
 * Carport on PostgreSQL through a proxy the test controls: connections reset mid-query, a network
 * that swallows every byte, a server that refuses connections, a schema that disappears. The process
 * survives each, answers 503 in the catalog's shape within the configured bounds, and recovers.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTcpFaultProxy, type TcpFaultProxy } from '../helpers/tcp-fault-proxy.js';
import { buildTestApp, uuidV4, type TestApp } from '../helpers/test-app.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';

describePostgres('PostgreSQL network faults', () => {
  let scratch: ScratchDatabase;
  let proxy: TcpFaultProxy;
  let test: TestApp;

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    const direct = new URL(scratch.url);
    proxy = await startTcpFaultProxy({ host: direct.hostname, port: Number(direct.port === '' ? 5432 : direct.port) });
    const proxied = new URL(scratch.url);
    proxied.host = `${proxy.host}:${proxy.port}`;
    test = await buildTestApp({
      env: { DATABASE_URL: proxied.toString(), CARPORT_DB_CONNECT_TIMEOUT_MS: '500', CARPORT_DB_QUERY_TIMEOUT_MS: '1000', CARPORT_READ_CACHE_TTL_MS: '0' },
    });
  });
  afterAll(async () => {
    proxy.setMode('pass');
    await test.app.close();
    await proxy.close();
    await scratch.drop();
  });

  /** A call that must look its token up in the database every time. */
  const call = () => test.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: 'Bearer not-a-real-token-but-long-enough' } });

  const unavailableBody = (requestId: string) => ({
    type: 'SERVER',
    code: 'INTERNAL',
    description: 'Carport cannot reach its database right now; retry shortly.',
    docURL: 'http://carport.test/docs/errors#server-internal',
    statusCode: 503,
    requestId,
    resolution: { type: 'RETRY_LATER' },
    suggestedUserMessage: 'Something went wrong on our side. Please try again later.',
  });

  async function expectUnavailable(): Promise<void> {
    const response = await call();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    const requestId = String(response.headers['sc-request-id']);
    expect(requestId).toMatch(uuidV4);
    expect(response.json()).toEqual(unavailableBody(requestId));
  }

  /** Healthy again: the database answers, so an unknown token is refused as such. */
  async function expectRecovered(): Promise<void> {
    await expect.poll(async () => (await call()).statusCode, { timeout: 5_000, interval: 100 }).toBe(401);
    const ready = await test.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', schema: 'ok', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } });
  }

  it('survives a reset of every connection, idle and mid-query', async () => {
    expect((await call()).statusCode).toBe(401);
    const slow = sql`select pg_sleep(2)`.execute(test.app.carport.store.db);
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.reset();
    await expect(slow).rejects.toThrow();
    await expectRecovered();
  });

  it('answers 503 within the query timeout while the network swallows every byte, then recovers', async () => {
    expect((await call()).statusCode).toBe(401);
    proxy.setMode('freeze');
    const started = performance.now();
    await expectUnavailable();
    // The bound under test is the configured 1 s query timeout (plus slack), not the 20 s+ of an unbounded wait.
    expect(performance.now() - started).toBeLessThan(4_000);
    const ready = await test.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unreachable', migrations: 'ok', schema: 'unknown', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } });
    proxy.setMode('pass');
    // The connections that timed out are discarded; none of them stalls a later query.
    await expectRecovered();
    for (let index = 0; index < 20; index += 1) expect((await call()).statusCode).toBe(401);
  });

  it('answers 503 at once while connections are refused, then recovers', async () => {
    proxy.setMode('refuse');
    proxy.reset();
    await expectUnavailable();
    proxy.setMode('pass');
    await expectRecovered();
  });

  it('answers 503 and reports the schema missing when the tables are dropped', async () => {
    await sql`alter table applications rename to applications_moved`.execute(test.app.carport.store.db);
    try {
      const ready = await test.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', migrations: 'ok', schema: 'missing', limits: 'ok', webhookIntake: 'ok' }, webhookIntake: { heldEvents: 0, droppedEvents: 0 } });
      const management = await test.app.inject({ method: 'GET', url: '/v2.0/management/connections', headers: { authorization: 'Basic ZGVmYXVsdDpub3QtYS10b2tlbg==' } });
      expect(management.statusCode).toBe(503);
    } finally {
      await sql`alter table applications_moved rename to applications`.execute(test.app.carport.store.db);
    }
    await expectRecovered();
  });
});
