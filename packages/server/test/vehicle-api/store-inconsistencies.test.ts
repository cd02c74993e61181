/**
 * @module Stored records that contradict each other, made directly in the database on both engines:
 * a grant whose vehicle row is gone answers 500 `RECORD_NOT_FOUND:INTERNAL`, an owner's two active
 * grants of one vehicle under two ids answer 500 `MULTIPLE_RECORDS_FOUND:INTERNAL`; each is logged
 * with the ids an operator needs.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { buildApp } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logging/logger.js';
import type { Dialect, Store } from '../../src/store/index.js';
import { authorizeUrl, ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { CapturedLog, testConfig, tickingClock } from '../helpers/test-app.js';
import { describeEachDatabase } from '../store/database-harness.js';
import { seedWorld } from '../helpers/test-world.js';

/** The whole 500 body of an internal catalog pair. */
function internalBody(type: 'RECORD_NOT_FOUND' | 'MULTIPLE_RECORDS_FOUND', requestId: unknown) {
  const definition = findError(type, 'INTERNAL');
  return {
    type,
    code: 'INTERNAL',
    description: definition?.description,
    docURL: `http://carport.test/docs/errors#${type.toLowerCase()}-internal`,
    statusCode: 500,
    requestId,
    resolution: { type: 'CONTACT_SUPPORT' },
    suggestedUserMessage: 'Something went wrong on our side. Please try again later.',
  };
}

/**
 * Deletes a vehicle row as an operator's `sqlite3` shell would (foreign keys are off there by
 * default), or as a restore with triggers disabled does on PostgreSQL: its grants stay behind.
 */
async function deleteVehicleBehindTheSchema(store: Store, dialect: Dialect, vehicleId: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`pragma foreign_keys = off`.execute(store.db);
    await store.db.deleteFrom('vehicles').where('id', '=', vehicleId).execute();
    await sql`pragma foreign_keys = on`.execute(store.db);
    return;
  }
  await store.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await trx.deleteFrom('vehicles').where('id', '=', vehicleId).execute();
  });
}

describeEachDatabase('store inconsistencies answered in the catalog', (getStore, database) => {
  let app: FastifyInstance;
  let log: CapturedLog;
  beforeEach(async () => {
    log = new CapturedLog();
    // No read cache: each request reads the rows as the test left them.
    app = await buildApp(testConfig({ CARPORT_READ_CACHE_TTL_MS: '0' }), { store: getStore(), providers: fakeRegistry(), now: tickingClock(), logger: createLogger('info', log.stream) });
  });
  afterEach(async () => {
    await app.close();
  });

  const inconsistencyLines = () => log.lines.filter((line) => line.msg === 'stored records are inconsistent');

  it('answers RECORD_NOT_FOUND:INTERNAL for reads, commands and batch paths of a grant whose vehicle row is gone', async () => {
    const repositories = app.carport.repositories;
    const { application, vehicle, connection, accessToken: token } = await seedWorld(repositories, {
      application: { name: 'App' },
      mode: 'live',
      owner: { providerAccountId: 'acct-owner@example.com', email: null },
      vehicles: [{ providerVehicleId: 'tesla-model-3', vin: '5YJ3E1EA7KF317000', model: 'Model 3', year: 2019 }],
      permissions: ['read_odometer', 'read_charge', 'control_security'],
    });
    const vehicleApi = (method: 'GET' | 'POST', path: string, payload?: object) =>
      app.inject({ method, url: `/v2.0/vehicles/${connection.applicationVehicleId}${path}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
    expect((await vehicleApi('GET', '/odometer')).statusCode).toBe(200);

    await deleteVehicleBehindTheSchema(getStore(), database.dialect, vehicle.id);
    // The grant alone says nothing is wrong: the owner's account still has the vehicle.
    expect(await repositories.connections.findActiveByApplicationVehicleId(application.id, connection.applicationVehicleId)).toMatchObject({ id: connection.id, vehicleId: vehicle.id });
    const read = await vehicleApi('GET', '/odometer');
    expect(read.statusCode).toBe(500);
    expect(read.json()).toEqual(internalBody('RECORD_NOT_FOUND', read.headers['sc-request-id']));
    const command = await vehicleApi('POST', '/security', { action: 'LOCK' });
    expect(command.statusCode).toBe(500);
    expect(command.json()).toEqual(internalBody('RECORD_NOT_FOUND', command.headers['sc-request-id']));
    const batch = await vehicleApi('POST', '/batch', { requests: [{ path: '/odometer' }, { path: '/tesla/charge' }, { path: '/permissions' }] });
    expect(batch.statusCode).toBe(200);
    const batchRequestId = batch.headers['sc-request-id'];
    expect(batch.json()).toEqual({
      responses: [
        { path: '/odometer', code: 500, headers: {}, body: internalBody('RECORD_NOT_FOUND', batchRequestId) },
        // Which make's endpoints the vehicle has is unknown without its row, so no MAKE_NOT_COMPATIBLE.
        { path: '/tesla/charge', code: 500, headers: {}, body: internalBody('RECORD_NOT_FOUND', batchRequestId) },
        // The grant alone answers this one.
        { path: '/permissions', code: 200, headers: {}, body: { permissions: ['read_odometer', 'read_charge', 'control_security'], paging: { count: 3, offset: 0 } } },
      ],
    });

    const ids = { connectionId: connection.id, vehicleId: vehicle.id, applicationId: application.id };
    expect(inconsistencyLines().map(({ level, requestId, inconsistency, subject, ids: logged }) => ({ level, requestId, inconsistency, subject, ids: logged }))).toEqual(
      [read, command, batch].map((response) => ({ level: 50, requestId: response.headers['sc-request-id'], inconsistency: 'missing', subject: 'the vehicle of a connection', ids })),
    );
    expect(log.text()).not.toContain('unhandled error');
  });

  it('answers MULTIPLE_RECORDS_FOUND:INTERNAL, changing nothing, when Connect finds the vehicle granted under two ids', async () => {
    const repositories = app.carport.repositories;
    const { application } = await repositories.applications.createApplication({ name: 'Fleet Insights', redirectUris: ['https://app.example/callback'] });
    const connectUrl = authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: 'https://app.example/callback', scope: 'read_vehicle_info read_odometer', state: 'st-1', mode: 'live', make: 'TESLA' });
    const signIn = async (driver: ConnectDriver) => {
      const preamble = await driver.follow(await driver.get(connectUrl));
      const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
      return driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
    };
    const first = new ConnectDriver(app);
    const grant = await signIn(first);
    const approved = await first.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: ['tesla-model-3'] });
    expect(redirectParams(approved.location).code).toBeDefined();
    const [original] = (await repositories.connections.listByApplication(application.id, { limit: 10 })).items;
    if (original === undefined) throw new Error('Connect stored no grant');

    // A second active grant of the same vehicle for the same owner under another id: no constraint
    // forbids it (two approvals committed side by side on PostgreSQL leave exactly this).
    const duplicate = await repositories.connections.create({
      applicationId: application.id,
      userId: original.userId,
      vehicleId: original.vehicleId,
      permissions: original.permissions,
      mode: 'live',
      applicationVehicleId: randomUUID(),
    });
    const before = (await repositories.connections.listByApplication(application.id, { limit: 10, includeRevoked: true })).items;
    expect(before).toHaveLength(2);

    // Connecting the vehicle again must keep the one id the application knows it by.
    const second = new ConnectDriver(app);
    const again = await second.post('/connect/grant', { ...hiddenFields((await signIn(second)).html), action: 'approve', vehicle: ['tesla-model-3'] });
    expect(again.status).toBe(500);
    expect(again.response.json()).toEqual(internalBody('MULTIPLE_RECORDS_FOUND', again.response.headers['sc-request-id']));
    expect((await repositories.connections.listByApplication(application.id, { limit: 10, includeRevoked: true })).items).toEqual(before);
    expect(inconsistencyLines().map(({ level, requestId, inconsistency, ids }) => ({ level, requestId, inconsistency, ids }))).toEqual([
      {
        level: 50,
        requestId: again.response.headers['sc-request-id'],
        inconsistency: 'duplicate',
        ids: {
          connectionIds: [original.id, duplicate.id],
          applicationVehicleIds: [original.applicationVehicleId, duplicate.applicationVehicleId],
          applicationId: application.id,
          vehicleId: original.vehicleId,
        },
      },
    ]);
  });
});
