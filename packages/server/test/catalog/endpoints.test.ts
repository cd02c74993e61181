/** @module Contract tests of the endpoint catalog against the seeds' endpoint list and example bodies. */
import { readFileSync } from 'node:fs';
import { KindGuard } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import {
  catalogEndpointById,
  endpointCatalog,
  endpointExampleCases,
  findEndpoint,
  isPlatformRead,
  isReadableVehicleData,
  registerSchemaFormats,
} from '../../src/catalog/endpoints/index.js';
import type { EndpointDefinition } from '../../src/catalog/types.js';

registerSchemaFormats();

interface SeedRow {
  readonly method: string;
  readonly path: string;
  readonly permission: string | null;
  readonly makes: readonly string[] | null;
  readonly page: string;
}

/** The seeds spell the OAuth and management paths with their public hosts; the catalog does not. */
const seedHosts = ['https://auth.smartcar.com', 'https://management.smartcar.com/v2.0'];

function normalisePath(path: string): string {
  const host = seedHosts.find((prefix) => path.startsWith(prefix));
  return host === undefined ? path : path.slice(host.length);
}

function readSeedRows(): SeedRow[] {
  const text = readFileSync(new URL('../fixtures/endpoints.tsv', import.meta.url), 'utf8');
  const [, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const [method = '', path = '', permission = '', makes = '', page = ''] = line.split('\t');
    const makeList = makes.split(' ').filter((make) => make !== '');
    return {
      method,
      path: normalisePath(path),
      permission: permission === '' ? null : permission,
      makes: makeList.length === 0 ? null : makeList,
      page,
    };
  });
}

function sameMakes(left: readonly string[] | null, right: readonly string[] | null): boolean {
  if (left === null || right === null) return left === right;
  return [...left].sort().join(' ') === [...right].sort().join(' ');
}

function errorsOf(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((error) => `${error.path || '/'}: ${error.message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of a valid `value` with one required field removed, at the first level of `schema` that has
 * one (descending into arrays, records and the matching union variant); undefined if none has.
 */
function withoutRequiredField(schema: TSchema, value: unknown): unknown {
  if (KindGuard.IsUnion(schema)) {
    const variant = schema.anyOf.find((candidate) => Value.Check(candidate, value));
    return variant === undefined ? undefined : withoutRequiredField(variant, value);
  }
  if (KindGuard.IsObject(schema) && isPlainObject(value)) {
    const field = schema.required?.[0];
    if (field === undefined) return undefined;
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== field));
  }
  if (KindGuard.IsArray(schema) && Array.isArray(value) && value.length > 0) {
    const [first, ...rest] = value as unknown[];
    const broken = withoutRequiredField(schema.items, first);
    return broken === undefined ? undefined : [broken, ...rest];
  }
  if (KindGuard.IsRecord(schema) && isPlainObject(value)) {
    const [entry] = Object.entries(value);
    const [itemSchema] = Object.values(schema.patternProperties);
    if (entry === undefined || itemSchema === undefined) return undefined;
    const broken = withoutRequiredField(itemSchema, entry[1]);
    return broken === undefined ? undefined : { ...value, [entry[0]]: broken };
  }
  return undefined;
}

const seedRows = readSeedRows();
const isNio = (endpoint: EndpointDefinition) => sameMakes(endpoint.makes, ['nio']);

describe('endpoint catalog', () => {
  it('has exactly one entry for every endpoint the seeds define, with its permission and makes', () => {
    const pagesByEntry = new Map<EndpointDefinition, string[]>();
    for (const row of seedRows) {
      const label = `${row.method} ${row.path} ${row.makes?.join(' ') ?? ''}`;
      const found = endpointCatalog.filter(
        (endpoint) => endpoint.method === row.method && endpoint.path === row.path && sameMakes(endpoint.makes, row.makes),
      );
      expect(found.map((endpoint) => endpoint.id), label).toHaveLength(1);
      const [entry] = found;
      if (entry === undefined) continue;
      expect(entry.permission, label).toBe(row.permission);
      pagesByEntry.set(entry, [...(pagesByEntry.get(entry) ?? []), row.page]);
    }
    for (const [entry, pages] of pagesByEntry) expect(pages, entry.id).toContain(entry.docPage);
  });

  /** Endpoints the official SDK still calls that the seeds no longer list. */
  const sdkCompatibilityIds = ['getBatteryCapacity'];

  it('adds nothing beyond the seeds but the NIO endpoints and the SDK’s legacy endpoints', () => {
    const extra = endpointCatalog.filter(
      (endpoint) =>
        !seedRows.some(
          (row) => row.method === endpoint.method && row.path === endpoint.path && sameMakes(row.makes, endpoint.makes),
        ),
    );
    expect(extra.filter((endpoint) => !isNio(endpoint)).map((endpoint) => endpoint.id)).toEqual(sdkCompatibilityIds);
    expect(extra.length).toBeGreaterThan(0);
  });

  it('covers the NIO attributes no core endpoint serves', () => {
    const nioPaths = endpointCatalog.filter(isNio).map((endpoint) => endpoint.path.replace('/vehicles/{id}/{make}', ''));
    expect(nioPaths).toEqual(
      expect.arrayContaining(['/attributes', '/status', '/thermometer/interior', '/thermometer/exterior', '/battery', '/charge']),
    );
  });

  it('gives every endpoint a unique camelCase id', () => {
    const ids = endpointCatalog.map((endpoint) => endpoint.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('marks make-specific endpoints by both a {make} segment and their makes, and no other', () => {
    for (const endpoint of endpointCatalog) {
      const hasSegment = endpoint.path.split('/').includes('{make}');
      expect(hasSegment, endpoint.id).toBe(endpoint.makes !== null);
      if (endpoint.makes !== null) {
        expect(endpoint.makes.length, endpoint.id).toBeGreaterThan(0);
        for (const make of endpoint.makes) expect(make, endpoint.id).toMatch(/^[a-z_]+$/);
      }
    }
  });

  it('keys extra seed cases by existing endpoint ids', () => {
    const ids = new Set<string>(endpointCatalog.map((endpoint) => endpoint.id));
    for (const id of Object.keys(endpointExampleCases)) expect(ids.has(id), id).toBe(true);
  });
});

describe.each(endpointCatalog.map((endpoint) => [endpoint.id, endpoint] as const))('%s', (_id, endpoint) => {
  const cases = endpointExampleCases[endpoint.id];

  it('accepts its seed response examples', () => {
    for (const example of [endpoint.examples.response, ...(cases?.response ?? [])]) {
      expect(errorsOf(endpoint.response, example)).toEqual([]);
    }
  });

  it('rejects its response example with a required field removed', () => {
    const broken = withoutRequiredField(endpoint.response, endpoint.examples.response);
    expect(broken).toBeDefined();
    expect(Value.Check(endpoint.response, broken)).toBe(false);
  });

  const requests = [...(endpoint.examples.request === undefined ? [] : [endpoint.examples.request]), ...(cases?.request ?? [])];
  it.skipIf(requests.length === 0)('accepts its seed request examples (skipped when the seeds give none)', () => {
    const { body } = endpoint.request;
    expect(body).toBeDefined();
    if (body === undefined) return;
    for (const request of requests) expect(errorsOf(body, request)).toEqual([]);
    const broken = withoutRequiredField(body, requests[0]);
    expect(broken).toBeDefined();
    expect(Value.Check(body, broken)).toBe(false);
  });
});

/** The endpoint with `id`; fails the test rather than returning undefined. */
function endpoint(id: string): EndpointDefinition {
  const found = endpointCatalog.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no endpoint ${id}`);
  return found;
}

function bodyOf(id: string): TSchema {
  const { body } = endpoint(id).request;
  if (body === undefined) throw new Error(`${id} has no body schema`);
  return body;
}

function queryOf(id: string): TSchema {
  const { query } = endpoint(id).request;
  if (query === undefined) throw new Error(`${id} has no query schema`);
  return query;
}

describe('request schemas', () => {
  it('take the charge limit as a number or the numeric string the official SDK sends, from 0.5 to 1', () => {
    const body = bodyOf('setChargeLimit');
    for (const limit of [0.5, 0.8, 1, '0.5', '0.8', '0.95', '1', '1.0']) expect(Value.Check(body, { limit }), String(limit)).toBe(true);
    for (const limit of [0.3, 1.2, '0.3', '0.49', '1.5', '10', 'abc', '', null]) {
      expect(Value.Check(body, { limit }), String(limit)).toBe(false);
    }
  });

  it('keep navigation destinations on the globe', () => {
    const body = bodyOf('sendDestination');
    expect(Value.Check(body, { latitude: 37.7749, longitude: -122.4194 })).toBe(true);
    expect(Value.Check(body, { latitude: 100, longitude: -122.4194 })).toBe(false);
    expect(Value.Check(body, { latitude: 37.7749, longitude: -181 })).toBe(false);
  });

  it('take a four digit PIN to Drive', () => {
    const body = bodyOf('teslaSetPinToDrive');
    for (const pin of ['12a4', '123', '12345', 1234]) expect(Value.Check(body, { pin }), String(pin)).toBe(false);
  });

  it('take at most three Nissan schedules with HH:mm times', () => {
    const body = bodyOf('nissanSetChargeSchedule');
    const schedule = { start: '08:00', end: '12:00', days: ['MONDAY'] };
    expect(Value.Check(body, { chargeSchedules: [schedule, schedule, schedule] })).toBe(true);
    expect(Value.Check(body, { chargeSchedules: [schedule, schedule, schedule, schedule] })).toBe(false);
    expect(Value.Check(body, { chargeSchedules: [{ ...schedule, start: '8:00' }] })).toBe(false);
    expect(Value.Check(body, { chargeSchedules: [{ ...schedule, end: '24:00' }] })).toBe(false);
    expect(Value.Check(body, { chargeSchedules: [{ ...schedule, days: ['FUNDAY'] }] })).toBe(false);
  });

  it('require the Ford charging location as latitude and longitude query parameters', () => {
    const query = queryOf('fordSetChargeScheduleByLocation');
    expect(Value.Check(query, { latitude: 48.8566, longitude: 2.3522 })).toBe(true);
    expect(Value.Check(query, { latitude: 48.8566 })).toBe(false);
  });

  it('take charge record dates as YYYY-MM-DD', () => {
    const query = queryOf('getChargeRecords');
    expect(Value.Check(query, { startDate: '2023-08-24', endDate: '2023-09-01' })).toBe(true);
    expect(Value.Check(query, { startDate: '2023-13-01' })).toBe(false);
    expect(Value.Check(query, { endDate: '2023-08-24T00:00:00Z' })).toBe(false);
  });

  it('cap page sizes at 50 vehicles and 100 connections', () => {
    expect(Value.Check(queryOf('listVehicles'), { limit: 50, offset: 0 })).toBe(true);
    expect(Value.Check(queryOf('listVehicles'), { limit: 51 })).toBe(false);
    expect(Value.Check(queryOf('getVehicleConnections'), { limit: 100, mode: 'simulated' })).toBe(true);
    expect(Value.Check(queryOf('getVehicleConnections'), { limit: 101 })).toBe(false);
    expect(Value.Check(queryOf('getVehicleConnections'), { mode: 'sandbox' })).toBe(false);
  });

  it('require a VIN and a scope for compatibility, and a region for the matrix', () => {
    expect(Value.Check(queryOf('getCompatibilityByVin'), { vin: '5YJSA1CN5DFP00101', scope: 'read_battery' })).toBe(true);
    expect(Value.Check(queryOf('getCompatibilityByVin'), { vin: '5YJSA1CN5DFP0010I', scope: 'read_battery' })).toBe(false);
    expect(Value.Check(queryOf('getCompatibilityMatrix'), { region: 'EUROPE', make: 'TESLA BMW' })).toBe(true);
    expect(Value.Check(queryOf('getCompatibilityMatrix'), { region: 'ASIA' })).toBe(false);
  });

  it('take exactly the two OAuth grant forms at the token endpoint', () => {
    const body = bodyOf('exchangeToken');
    expect(Value.Check(body, { grant_type: 'refresh_token', refresh_token: 'r' })).toBe(true);
    expect(Value.Check(body, { grant_type: 'refresh_token', code: 'c', redirect_uri: 'https://a.example/cb' })).toBe(false);
    expect(Value.Check(body, { grant_type: 'password', username: 'u', password: 'p' })).toBe(false);
  });
});

describe('response schemas', () => {
  it('reject fields the seeds do not define', () => {
    expect(Value.Check(endpoint('getOdometer').response, { distance: 1, unit: 'km' })).toBe(false);
  });

  it('type the model year as a number, as the official SDK does', () => {
    const { response } = endpoint('getVehicleAttributes');
    expect(Value.Check(response, { id: 'v', make: 'TESLA', model: 'Model S', year: 2014 })).toBe(true);
    expect(Value.Check(response, { id: 'v', make: 'TESLA', model: 'Model S', year: '2014' })).toBe(false);
  });

  it('reject timestamps that are not RFC 3339 date-times of real days', () => {
    const { response } = endpoint('gmGetChargeCompletionTime');
    for (const time of ['tomorrow', '2023-02-31T00:00:00Z', '2023-01-01 10:00:00Z', '2023-01-01T24:00:00Z']) {
      expect(Value.Check(response, { time }), time).toBe(false);
    }
    expect(Value.Check(response, { time: '2024-02-29T12:00:00+01:00' })).toBe(true);
  });
});

describe('platform-answered endpoints', () => {
  it('are declared in the catalog: the grant’s own endpoints and batch, nothing a provider answers', () => {
    const platform = endpointCatalog.filter((entry) => entry.surface === 'vehicle' && entry.answeredBy === 'platform').map((entry) => entry.id);
    expect(platform).toEqual(['listVehicles', 'getPermissions', 'disconnectVehicle', 'getUser', 'batch']);
  });

  it('include every endpoint outside the Vehicle API: management, webhooks, compatibility and OAuth never ask a provider', () => {
    const outside = endpointCatalog.filter((entry) => entry.surface !== 'vehicle');
    expect(outside.filter((entry) => entry.answeredBy !== 'platform').map((entry) => entry.id)).toEqual([]);
    expect(outside.length).toBe(7);
  });

  it('as data paths: only GETs under /vehicles/{id} are readable, and Carport reads /permissions itself', () => {
    const readable = endpointCatalog.filter((entry) => entry.answeredBy === 'platform' && isReadableVehicleData(entry)).map((entry) => entry.id);
    expect(readable).toEqual(['getPermissions']);
    expect(endpointCatalog.filter((entry) => isPlatformRead(entry)).map((entry) => entry.id)).toEqual(['getPermissions']);
    const unreadable = ['disconnectVehicle', 'batch', 'subscribeWebhook', 'unsubscribeWebhook', 'listVehicles', 'getUser'] as const;
    for (const id of unreadable) expect(isReadableVehicleData(catalogEndpointById(id)), id).toBe(false);
  });
});

describe('findEndpoint', () => {
  it('finds an endpoint by its template path', () => {
    expect(findEndpoint('GET', '/vehicles/{id}/odometer')?.id).toBe('getOdometer');
    expect(findEndpoint('POST', '/oauth/token')?.id).toBe('exchangeToken');
    expect(findEndpoint('DELETE', '/management/connections')?.id).toBe('deleteVehicleConnections');
  });

  it('finds an endpoint by a concrete path, ignoring a trailing slash and the query', () => {
    expect(findEndpoint('GET', '/user/')?.id).toBe('getUser');
    expect(findEndpoint('GET', '/vehicles/36ab27d0/battery/nominal_capacity?x=1')?.id).toBe('getNominalCapacity');
    expect(findEndpoint('POST', '/vehicles/36ab27d0/webhooks/9b6ae692')?.id).toBe('subscribeWebhook');
  });

  it('picks the make-specific endpoint of the make in the path, or the one named', () => {
    expect(findEndpoint('GET', '/vehicles/36ab27d0/tesla/charge')?.id).toBe('teslaGetChargeStatus');
    expect(findEndpoint('GET', '/vehicles/36ab27d0/audi/charge')?.id).toBe('audiGetChargeStatus');
    expect(findEndpoint('GET', '/vehicles/36ab27d0/nio/charge')?.id).toBe('nioGetChargeStatus');
    expect(findEndpoint('GET', '/vehicles/{id}/{make}/charge/schedule', 'nissan')?.id).toBe('nissanGetChargeSchedule');
    expect(findEndpoint('GET', '/vehicles/{id}/{make}/charge/records', 'mini')?.id).toBe('getChargeRecords');
  });

  it('finds nothing for an upper-case or unsupported make, an ambiguous template, or the wrong method', () => {
    expect(findEndpoint('GET', '/vehicles/36ab27d0/TESLA/charge')).toBeUndefined();
    expect(findEndpoint('GET', '/vehicles/36ab27d0/ford/charge')).toBeUndefined();
    expect(findEndpoint('GET', '/vehicles/{id}/{make}/charge')).toBeUndefined();
    expect(findEndpoint('PUT', '/vehicles/{id}/odometer')).toBeUndefined();
  });
});
