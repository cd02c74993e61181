/** @module The Compatibility API over HTTP: exact by-VIN bodies, the matrix filters, and client authentication. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsOf } from '../../src/simulator/models/index.js';
import { simulatedVin } from '../../src/simulator/vin.js';
import { buildTestApp } from '../helpers/test-app.js';

let app: FastifyInstance;
let authorization: string;
let clientId: string;

beforeAll(async () => {
  ({ app } = await buildTestApp());
  const created = await app.carport.repositories.applications.createApplication({ name: 'Compatibility', redirectUris: ['https://app.example/cb'] });
  clientId = created.application.clientId;
  authorization = `Basic ${Buffer.from(`${clientId}:${created.clientSecret}`).toString('base64')}`;
});

afterAll(async () => {
  await app.close();
});

/** GETs `url` with the application's credentials, other ones, or none (`null`). */
async function get(url: string, auth: string | null = authorization) {
  const response = await app.inject({ method: 'GET', url, headers: auth === null ? {} : { authorization: auth } });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>(), requestId: String(response.headers['sc-request-id']), headers: response.headers };
}

describe('GET /v2.0/compatibility', () => {
  it('answers a compatible US Tesla as the seeds show: unsupported features by reason, one entry per endpoint', async () => {
    const { status, body } = await get('/v2.0/compatibility?vin=5YJ3E1EA2KF317000&scope=read_engine_oil%20read_battery%20read_vin');
    expect(status).toBe(200);
    expect(body).toEqual({
      compatible: true,
      reason: null,
      capabilities: [
        { capable: false, endpoint: '/engine/oil', permission: 'read_engine_oil', reason: 'SMARTCAR_NOT_CAPABLE' },
        { capable: true, endpoint: '/battery/capacity', permission: 'read_battery', reason: null },
        { capable: true, endpoint: '/battery', permission: 'read_battery', reason: null },
        { capable: true, endpoint: '/battery/nominal_capacity', permission: 'read_battery', reason: null },
        { capable: true, endpoint: '/tesla/battery', permission: 'read_battery', reason: null },
        { capable: true, endpoint: '/vin', permission: 'read_vin', reason: null },
      ],
    });
  });

  it('tells a feature the model lacks (VEHICLE_NOT_CAPABLE) from one no model of the make has', async () => {
    const machE = modelsOf('FORD').find((model) => model.name === 'Mustang Mach-E');
    if (machE === undefined) throw new Error('the model catalog lacks the Mach-E');
    const vin = simulatedVin({ model: machE, batteryVariant: 0, year: 2022, entropy: 42 });
    const { body } = await get(`/v2.0/compatibility?vin=${vin}&scope=read_fuel%20read_charge_locations&country=us`);
    expect(body).toEqual({
      compatible: true,
      reason: null,
      capabilities: [
        { capable: false, endpoint: '/fuel', permission: 'read_fuel', reason: 'VEHICLE_NOT_CAPABLE' },
        { capable: true, endpoint: '/ford/charge/schedule_by_location', permission: 'read_charge_locations', reason: null },
      ],
    });
  });

  it('answers MAKE_NOT_COMPATIBLE for a make not connected in the country, and for a WMI Carport does not know', async () => {
    expect((await get('/v2.0/compatibility?vin=JTDKN3DU8A0000001&scope=read_vin&country=DE')).body).toEqual({ compatible: false, reason: 'MAKE_NOT_COMPATIBLE', capabilities: [] });
    expect((await get('/v2.0/compatibility?vin=5YJ3E1EA2KF317000&scope=read_vin&country=JP')).body).toEqual({ compatible: false, reason: 'MAKE_NOT_COMPATIBLE', capabilities: [] });
    expect((await get('/v2.0/compatibility?vin=ZFF79ALA9J0000001&scope=read_vin')).body).toEqual({ compatible: false, reason: 'MAKE_NOT_COMPATIBLE', capabilities: [] });
  });

  it('answers NO_CONNECTIVITY for a model year before any connected model of the make', async () => {
    expect((await get('/v2.0/compatibility?vin=JTDKN3DU8A0000001&scope=read_vin')).body).toEqual({ compatible: false, reason: 'NO_CONNECTIVITY', capabilities: [] });
  });

  it('lists no capabilities outside the US, as the seeds say', async () => {
    expect((await get('/v2.0/compatibility?vin=5YJ3E1EA2KF317000&scope=read_vin%20read_battery&country=CA')).body).toEqual({ compatible: true, reason: null, capabilities: [] });
    // Without a check digit requirement in Europe, the seeds' sample VIN is accepted there.
    expect((await get('/v2.0/compatibility?vin=5YJSA1CN5DFP00101&scope=read_vin&country=DE')).body).toEqual({ compatible: true, reason: null, capabilities: [] });
  });

  it('refuses an invalid VIN with 400 VALIDATION naming what is wrong', async () => {
    const { status, body, requestId } = await get('/v2.0/compatibility?vin=5YJSA1CN5DFP00101&scope=read_vin');
    expect(status).toBe(400);
    expect(body).toEqual({
      type: 'VALIDATION',
      code: null,
      description: '`vin`: the check digit (position 9) should be 6, not 5.',
      docURL: 'http://carport.test/docs/errors#validation',
      statusCode: 400,
      requestId,
      resolution: { type: null },
      suggestedUserMessage: 'Something went wrong with this request. Please try again or contact the app developer.',
      detail: [{ field: 'query.vin', message: 'the check digit (position 9) should be 6, not 5' }],
    });
    expect((await get('/v2.0/compatibility?vin=5YJ3E1EA2KF3170&scope=read_vin')).body.detail).toEqual([{ field: 'query.vin', message: 'a VIN has 17 characters, not 15' }]);
    expect((await get('/v2.0/compatibility?vin=5YJ3E1EA2KF3I7000&scope=read_vin')).body.detail).toEqual([{ field: 'query.vin', message: 'characters I never appear in a VIN' }]);
  });

  it('refuses unknown permissions and a missing scope', async () => {
    const unknown = await get('/v2.0/compatibility?vin=5YJ3E1EA2KF317000&scope=read_vin%20read_everything');
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toEqual([{ field: 'query.scope', message: 'unknown permissions: read_everything' }]);
    const missing = await get('/v2.0/compatibility?vin=5YJ3E1EA2KF317000');
    expect(missing.status).toBe(400);
    expect(missing.body.type).toBe('VALIDATION');
  });
});

describe('GET /v2.0/compatibility/matrix', () => {
  it('lists a make by model with its years, engine type, endpoints and permissions, narrowed to a scope', async () => {
    const { status, body } = await get('/v2.0/compatibility/matrix?region=US&make=NISSAN&scope=read_charge%20read_battery');
    expect(status).toBe(200);
    const entry = (model: string, startYear: number) => ({
      model, startYear, endYear: 2025, type: 'BEV', endpoints: ['EV battery', 'EV charging status'], permissions: ['read_battery', 'read_charge'],
    });
    expect(body).toEqual({ NISSAN: [entry('LEAF', 2011), entry('Ariya', 2023)] });
  });

  it('answers the seeds’ example with its labels, model names and order (years are the model catalog’s)', async () => {
    const nissanScope = 'read_battery read_charge read_location control_security read_odometer';
    const nissan = await get(`/v2.0/compatibility/matrix?region=US&make=NISSAN&type=BEV&scope=${encodeURIComponent(nissanScope)}`);
    const nissanLists = {
      type: 'BEV',
      endpoints: ['EV battery', 'EV charging status', 'Location', 'Lock & unlock', 'Odometer'],
      permissions: ['read_battery', 'read_charge', 'read_location', 'control_security', 'read_odometer'],
    };
    expect(nissan.body).toEqual({
      NISSAN: [{ model: 'LEAF', startYear: 2011, endYear: 2025, ...nissanLists }, { model: 'Ariya', startYear: 2023, endYear: 2025, ...nissanLists }],
    });
    const teslaScope = 'read_tires read_odometer control_security read_location control_charge read_charge read_battery';
    const tesla = await get(`/v2.0/compatibility/matrix?region=US&make=TESLA&scope=${encodeURIComponent(teslaScope)}`);
    const teslaLists = {
      type: 'BEV',
      endpoints: ['EV battery', 'EV charging status', 'EV start & stop charge', 'Location', 'Lock & unlock', 'Odometer', 'Tire pressure'],
      permissions: ['read_battery', 'read_charge', 'control_charge', 'read_location', 'control_security', 'read_odometer', 'read_tires'],
    };
    expect(tesla.body).toEqual({
      TESLA: [
        { model: 'S', startYear: 2012, endYear: 2025, ...teslaLists },
        { model: '3', startYear: 2017, endYear: 2025, ...teslaLists },
        { model: 'X', startYear: 2016, endYear: 2025, ...teslaLists },
        { model: 'Y', startYear: 2020, endYear: 2025, ...teslaLists },
        { model: 'Cybertruck', startYear: 2024, endYear: 2025, ...teslaLists },
      ],
    });
  });

  it('lists MG in Europe only, with exactly the endpoints of the 2024 changelog', async () => {
    const plugIn = {
      endpoints: [
        'EV battery', 'EV charging events', 'EV charging status', 'EV start & stop charge', 'Location', 'Lock & unlock', 'Lock status', 'Odometer',
        'Tire pressure', 'Vehicle attributes', 'VIN',
      ],
      permissions: [
        'read_battery', 'read_charge_events', 'read_charge', 'control_charge', 'read_location', 'control_security', 'read_security', 'read_odometer',
        'read_tires', 'read_vehicle_info', 'read_vin',
      ],
    };
    const hybrid = {
      endpoints: ['Location', 'Lock & unlock', 'Lock status', 'Odometer', 'Tire pressure', 'Vehicle attributes', 'VIN'],
      permissions: ['read_location', 'control_security', 'read_security', 'read_odometer', 'read_tires', 'read_vehicle_info', 'read_vin'],
    };
    expect((await get('/v2.0/compatibility/matrix?region=EUROPE&make=MG')).body).toEqual({
      MG: [
        { model: 'MG4 Electric', startYear: 2022, endYear: 2025, type: 'BEV', ...plugIn },
        { model: 'ZS EV', startYear: 2019, endYear: 2025, type: 'BEV', ...plugIn },
        { model: 'HS Plug-in Hybrid', startYear: 2020, endYear: 2025, type: 'PHEV', ...plugIn },
        { model: 'MG3 Hybrid+', startYear: 2024, endYear: 2025, type: 'HEV', ...hybrid },
      ],
    });
    expect((await get('/v2.0/compatibility/matrix?region=US&make=MG')).body).toEqual({});
    expect((await get('/v2.0/compatibility/matrix?region=CA&make=MG')).body).toEqual({});
  });

  it('lists service history for the makes of the 2024 changelog, Volkswagen in the US only', async () => {
    const withHistory = async (region: string): Promise<string[]> => {
      const { body } = await get(`/v2.0/compatibility/matrix?region=${region}&scope=read_service_history`);
      const all = (await get(`/v2.0/compatibility/matrix?region=${region}`)).body;
      // Every model of a listed make has it: "make models-with-history/models".
      return Object.entries(body).map(([make, models]) => `${make} ${(models as unknown[]).length}/${(all[make] as unknown[]).length}`);
    };
    expect(await withHistory('US')).toEqual(['FORD 6/6', 'LEXUS 4/4', 'LINCOLN 4/4', 'MAZDA 4/4', 'TOYOTA 5/5', 'VOLKSWAGEN 7/7']);
    expect(await withHistory('CA')).toEqual(['FORD 6/6', 'LEXUS 4/4', 'LINCOLN 4/4', 'TOYOTA 5/5']);
    expect(await withHistory('EUROPE')).toEqual(['FORD 6/6', 'MAZDA 4/4']);
  });

  it('filters by engine type and several makes, and leaves out makes not sold in the region', async () => {
    const { body } = await get('/v2.0/compatibility/matrix?region=US&type=ICE&make=TESLA%20FORD%20NIO');
    expect(Object.keys(body)).toEqual(['FORD']);
    expect((body.FORD as { model: string; type: string }[]).map((model) => [model.model, model.type])).toEqual([['F-150', 'ICE'], ['Explorer', 'ICE']]);
    expect((await get('/v2.0/compatibility/matrix?region=US&make=NIO')).body).toEqual({});
    expect(Object.keys((await get('/v2.0/compatibility/matrix?region=EUROPE&make=NIO')).body)).toEqual(['NIO']);
  });

  it('keeps only models that support every requested permission', async () => {
    expect((await get('/v2.0/compatibility/matrix?region=US&make=TESLA&scope=read_fuel')).body).toEqual({});
    const { body } = await get('/v2.0/compatibility/matrix?region=CA&scope=read_fuel');
    for (const models of Object.values(body) as { type: string; permissions: string[] }[][]) {
      for (const model of models) {
        expect(model.type).not.toBe('BEV');
        expect(model.permissions).toEqual(['read_fuel']);
      }
    }
    expect(Object.keys(body).length).toBeGreaterThan(5);
  });

  it('refuses an unknown region, engine type, make or permission', async () => {
    expect((await get('/v2.0/compatibility/matrix?region=ASIA')).status).toBe(400);
    expect((await get('/v2.0/compatibility/matrix')).status).toBe(400);
    const { status, body } = await get('/v2.0/compatibility/matrix?region=US&type=DIESEL&make=DELOREAN&scope=read_mind');
    expect(status).toBe(400);
    expect(body.detail).toEqual([
      { field: 'query.type', message: 'unknown engine types: DIESEL (one of BEV, PHEV, HEV, ICE)' },
      { field: 'query.make', message: 'unknown makes: DELOREAN' },
      { field: 'query.scope', message: 'unknown permissions: read_mind' },
    ]);
  });
});

describe('client authentication', () => {
  const expected = (description: string, requestId: string) => ({
    type: 'AUTHENTICATION',
    code: null,
    description,
    docURL: 'http://carport.test/docs/errors#authentication',
    statusCode: 401,
    requestId,
    resolution: { type: 'REAUTHENTICATE' },
    suggestedUserMessage: 'Your connection to this vehicle has expired. Please reconnect your vehicle.',
  });
  const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it.each([
    ['no Authorization header', null, 'The request has no client credentials. Send `Authorization: Basic base64(client_id:client_secret)`.'],
    ['a Bearer token', 'Bearer abc', 'The Authorization header is not of the form `Basic base64(client_id:client_secret)`.'],
    ['Basic without a colon', basic('no-colon'), 'The Authorization header is not of the form `Basic base64(client_id:client_secret)`.'],
    ['a wrong secret', 'wrong-secret', 'The client id and secret are not valid.'],
    ['an empty secret', '', 'The client id and secret are not valid.'],
    ['an unknown client', basic('unknown-client:secret'), 'The client id and secret are not valid.'],
  ])('answers %s with the catalog 401', async (_label, header, description) => {
    const auth = header === 'wrong-secret' || header === '' ? basic(`${clientId}:${header}`) : header;
    for (const url of ['/v2.0/compatibility?vin=5YJ3E1EA2KF317000&scope=read_vin', '/v2.0/compatibility/matrix?region=US']) {
      const { status, body, requestId, headers } = await get(url, auth);
      expect(status).toBe(401);
      expect(body).toEqual(expected(description, requestId));
      expect(headers['www-authenticate']).toBe('Basic realm="carport-compatibility"');
    }
  });
});
