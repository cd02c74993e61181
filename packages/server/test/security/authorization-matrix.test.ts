/**
 * The authorisation matrix, generated from the catalog: every Vehicle API endpoint it declares (each
 * make's own path for make-specific ones) is called with no token, a malformed, an expired and a
 * revoked token, another application's token, another owner's token on this owner's vehicle, and a
 * token whose grant lacks the endpoint's permission; every Management API operation with no, a
 * malformed, an unknown, a rotated and another application's management token. Each answer is the
 * exact catalog error and carries no vehicle data.
 *
 * One app serves every case: each request is refused, so none changes what the next one sees (a
 * refusal that did change something would show up as a wrong answer in a later case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { endpointCatalog } from '../../src/catalog/endpoints/index.js';
import { findMakeByPathSegment } from '../../src/catalog/makes.js';
import { permissionCatalog } from '../../src/catalog/permissions.js';
import type { EndpointDefinition } from '../../src/catalog/types.js';
import { catalogErrorBody } from '../helpers/error-bodies.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { passwordLinkingOf } from '../../src/providers/contract/index.js';
import { listedVehicle, seedApplication, seedConnectedOwner } from '../helpers/test-world.js';

const plan = 'matrix';
/** Limits run (as in production) under a plan that never refuses, so every answer is the authorisation's. */
const env = { CARPORT_PLANS: JSON.stringify({ [plan]: { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null } }) };
const everyPermission = permissionCatalog.map((permission) => permission.name);

interface Vehicle {
  readonly id: string;
  readonly vin: string;
  readonly token: string;
  readonly userId: string;
}

interface Application {
  readonly id: string;
  readonly managementToken: string;
}

let harness: TestApp;
let mine: Application;
let foreign: Application;
/** Vehicles of the main application by upper-case make, each connected by its own owner with every permission. */
const vehicles = new Map<string, Vehicle>();
let foreignVehicle: Vehicle;
let otherOwnerVehicle: Vehicle;
let expiredToken: string;
let revokedToken: string;
let rotatedManagementToken: string;
let webhookId: string;
let foreignWebhookId: string;
let deliveryId: string;

async function createApplication(name: string): Promise<Application> {
  const { applicationId, managementToken } = await seedApplication(harness.app.carport.repositories, { name, plan });
  return { id: applicationId, managementToken };
}

/** Connects a test account's vehicle of `make` to `application`, as Connect would. */
async function connect(application: Application, make: string, login: string, permissions: readonly string[]): Promise<Vehicle> {
  const { providers, repositories } = harness.app.carport;
  const provider = providers.find(make, 'test');
  const signedIn = await passwordLinkingOf(provider)?.signIn(make, 'test', { username: login, password: 'matrix' });
  if (provider === undefined || signedIn?.ok !== true) throw new Error(`cannot sign in to a ${make} test account`);
  const [vehicle] = await provider.listVehicles(signedIn.account);
  if (vehicle === undefined) throw new Error(`the ${make} test account has no vehicle`);
  const grant = await seedConnectedOwner(repositories, application.id, { owner: signedIn.account, vehicles: [listedVehicle(vehicle)], permissions });
  return { id: grant.vehicleIds[0] ?? '', vin: vehicle.vin, token: grant.accessToken, userId: grant.userId };
}

/** Upper-case makes whose paths an endpoint is served on; core endpoints are tried on a Tesla. */
function makesOf(endpoint: EndpointDefinition): { segment: string | null; make: string }[] {
  if (endpoint.makes === null) return [{ segment: null, make: 'TESLA' }];
  return endpoint.makes.map((segment) => ({ segment, make: findMakeByPathSegment(segment)?.id ?? segment.toUpperCase() }));
}

function vehicleOf(make: string): Vehicle {
  const vehicle = vehicles.get(make);
  if (vehicle === undefined) throw new Error(`no ${make} vehicle was seeded`);
  return vehicle;
}

/** Grants lacking one permission, made on first use: owner, vehicle and token of their own. */
const narrowGrants = new Map<string, Promise<Vehicle>>();
function withoutPermission(make: string, permission: string): Promise<Vehicle> {
  const key = `${make}:${permission}`;
  let grant = narrowGrants.get(key);
  if (grant === undefined) {
    grant = connect(mine, make, `without.${permission}.${make.toLowerCase()}@example.com`, everyPermission.filter((name) => name !== permission));
    narrowGrants.set(key, grant);
  }
  return grant;
}

const vehicleEndpoints = endpointCatalog.filter((endpoint) => endpoint.surface === 'vehicle' || endpoint.id === 'subscribeWebhook');
const seededMakes = [...new Set(vehicleEndpoints.flatMap((endpoint) => makesOf(endpoint).map(({ make }) => make)))];

beforeAll(async () => {
  harness = await buildTestApp({ env });
  const { repositories } = harness.app.carport;
  mine = await createApplication('Matrix');
  foreign = await createApplication('Someone else');
  for (const make of seededMakes) vehicles.set(make, await connect(mine, make, `owner.${make.toLowerCase()}@example.com`, everyPermission));
  foreignVehicle = await connect(foreign, 'TESLA', 'foreign.owner@example.com', everyPermission);
  otherOwnerVehicle = await connect(mine, 'TESLA', 'other.owner@example.com', everyPermission);
  const owner = vehicleOf('TESLA');
  expiredToken = (await repositories.tokens.issue({ applicationId: mine.id, userId: owner.userId, accessTtlSeconds: -60 })).accessToken;
  const revoked = await repositories.tokens.issue({ applicationId: mine.id, userId: owner.userId });
  await repositories.tokens.revokeFamily(revoked.record.familyId, 'refresh_token_reused');
  revokedToken = revoked.accessToken;
  rotatedManagementToken = mine.managementToken;
  const rotated = await repositories.applications.rotateManagementToken(mine.id);
  if (rotated === null) throw new Error('the application vanished');
  mine = { ...mine, managementToken: rotated };
  const webhook = await repositories.webhooks.create({ applicationId: mine.id, name: 'Mine', callbackUrl: 'https://hooks.example/mine', kind: 'eventBased', mode: 'test', config: { eventTypes: ['CHARGING_STARTED'] } });
  webhookId = webhook.id;
  foreignWebhookId = (await repositories.webhooks.create({ applicationId: foreign.id, name: 'Theirs', callbackUrl: 'https://hooks.example/theirs', kind: 'eventBased', mode: 'test', config: { eventTypes: ['CHARGING_STARTED'] } })).id;
  deliveryId = (await repositories.outbox.enqueue({ applicationId: mine.id, webhookId, vehicleId: null, eventType: 'CHARGING_STARTED', payload: { vin: owner.vin } })).id;
});

afterAll(async () => {
  await harness.app.close();
});

/** A request an authorised caller would make: the seed example's body, the query's required values. */
function vehicleRequest(endpoint: EndpointDefinition, segment: string | null, vehicleId: string, authorization: string | undefined) {
  const path = endpoint.path.replace('{id}', vehicleId).replace('{make}', segment ?? '').replace('{webhook_id}', webhookId);
  // Ford's schedule names a saved charging location by its coordinates; any valid pair passes validation.
  const query = endpoint.request.query !== undefined && (endpoint.request.query.required as string[] | undefined)?.includes('latitude') ? '?latitude=0&longitude=0' : '';
  const body = endpoint.id === 'batch' ? { requests: [{ path: '/odometer' }] } : endpoint.examples.request;
  return harness.app.inject({
    method: endpoint.method,
    url: `/v2.0${path}${query}`,
    headers: { ...(authorization === undefined ? {} : { authorization }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

function expectRefusal(response: LightMyRequestResponse, status: number, body: unknown, vehicle: Vehicle): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toEqual(body);
  expect(response.body).not.toContain(vehicle.vin);
  expect(response.headers['sc-data-age']).toBeUndefined();
}

const requestIdOf = (response: LightMyRequestResponse): string => String(response.headers['sc-request-id']);
const bearer = (token: string): string => `Bearer ${token}`;
const basicManagement = (token: string): string => `Basic ${Buffer.from(`default:${token}`).toString('base64')}`;

/** 401 AUTHENTICATION as the Vehicle API words each refusal. */
const tokenRefusals = [
  ['no token', () => undefined, 'The request has no access token. Send `Authorization: Bearer <access token>`.'],
  ['a malformed token', () => 'Bearer not a token!', 'The Authorization header is not of the form `Bearer <access token>`.'],
  ['an expired token', () => bearer(expiredToken), 'The access token has expired. Exchange the refresh token for a new pair.'],
  ['a revoked token', () => bearer(revokedToken), 'The access token has been revoked because a refresh token of its family was presented again after it had been exchanged, which can mean it was stolen.'],
] as const;

const vehicleCases = vehicleEndpoints.flatMap((endpoint) => makesOf(endpoint).map(({ segment, make }) => ({ name: `${endpoint.method} ${endpoint.path.replace('{make}', segment ?? '{make}')}`, endpoint, segment, make })));

describe('Vehicle API endpoints refuse callers without a grant', () => {
  it('covers every Vehicle API endpoint of the catalog and every make’s path', () => {
    expect(vehicleCases.length).toBe(vehicleEndpoints.reduce((count, endpoint) => count + (endpoint.makes?.length ?? 1), 0));
    expect(vehicleCases.map((entry) => entry.endpoint.id)).toEqual(expect.arrayContaining(['getOdometer', 'lockUnlock', 'teslaGetChargeStatus', 'batch', 'getPermissions', 'disconnectVehicle', 'subscribeWebhook', 'listVehicles', 'getUser']));
  });

  describe.each(tokenRefusals)('with %s', (_name, authorization, description) => {
    it.each(vehicleCases)('$name answers 401 AUTHENTICATION', async ({ endpoint, segment, make }) => {
      const vehicle = vehicleOf(make);
      const response = await vehicleRequest(endpoint, segment, vehicle.id, authorization());
      expectRefusal(response, 401, catalogErrorBody(requestIdOf(response), 'AUTHENTICATION', null, description), vehicle);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="carport"');
    });
  });

  const byVehicleId = vehicleCases.filter(({ endpoint }) => endpoint.path.includes('{id}'));
  const noGrant = "No vehicle with this id is connected to this application by this token's owner; GET /v2.0/vehicles lists the vehicles this access token can use.";

  it.each(byVehicleId)('$name answers 403 PERMISSION to another application’s token', async ({ endpoint, segment, make }) => {
    const vehicle = vehicleOf(make);
    const response = await vehicleRequest(endpoint, segment, vehicle.id, bearer(foreignVehicle.token));
    expectRefusal(response, 403, catalogErrorBody(requestIdOf(response), 'PERMISSION', null, noGrant), vehicle);
  });

  it.each(byVehicleId)('$name answers 403 PERMISSION to another owner’s token on this owner’s vehicle', async ({ endpoint, segment, make }) => {
    const vehicle = vehicleOf(make);
    const response = await vehicleRequest(endpoint, segment, vehicle.id, bearer(otherOwnerVehicle.token));
    expectRefusal(response, 403, catalogErrorBody(requestIdOf(response), 'PERMISSION', null, noGrant), vehicle);
  });

  it.each(byVehicleId.filter(({ endpoint }) => endpoint.permission !== null))('$name answers 403 PERMISSION when the grant lacks its permission', async ({ endpoint, segment, make }) => {
    const permission = endpoint.permission ?? '';
    const vehicle = await withoutPermission(make, permission);
    const response = await vehicleRequest(endpoint, segment, vehicle.id, bearer(vehicle.token));
    const description = `The vehicle owner has not granted the \`${permission}\` permission this endpoint requires.`;
    expectRefusal(response, 403, catalogErrorBody(requestIdOf(response), 'PERMISSION', null, description), vehicle);
  });

  it('answers a batch path whose permission the grant lacks with its own 403, and nothing of the vehicle', async () => {
    const vehicle = await withoutPermission('TESLA', 'read_odometer');
    const batch = endpointCatalog.find((endpoint) => endpoint.id === 'batch');
    if (batch === undefined) throw new Error('the catalog lacks batch');
    const response = await vehicleRequest(batch, null, vehicle.id, bearer(vehicle.token));
    expect(response.statusCode).toBe(200);
    const description = 'The vehicle owner has not granted the `read_odometer` permission this endpoint requires.';
    expect(response.json()).toEqual({ responses: [{ path: '/odometer', code: 403, headers: {}, body: catalogErrorBody(requestIdOf(response), 'PERMISSION', null, description) }] });
  });

  it.each([
    ['another application’s token', () => foreignVehicle],
    ['another owner’s token', () => otherOwnerVehicle],
  ])('lists only the vehicles and user of the token’s own grant for %s', async (_name, caller) => {
    const { token, id, userId } = caller();
    const list = await harness.app.inject({ method: 'GET', url: '/v2.0/vehicles', headers: { authorization: bearer(token) } });
    expect(list.json()).toEqual({ paging: { count: 1, offset: 0 }, vehicles: [id] });
    const user = await harness.app.inject({ method: 'GET', url: '/v2.0/user', headers: { authorization: bearer(token) } });
    expect(user.json()).toEqual({ id: userId });
  });
});

interface ManagementOperation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
}

/** Every operation the served OpenAPI document secures with the management token. */
async function managementOperations(): Promise<ManagementOperation[]> {
  const response = await harness.app.inject({ method: 'GET', url: '/openapi.json' });
  const document = response.json<{ paths: Record<string, Record<string, { operationId?: string; security?: Record<string, unknown>[] }>> }>();
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security?.some((requirement) => 'managementToken' in requirement) === true)
      .map(([method, operation]) => ({ id: operation.operationId ?? `${method} ${path}`, method: method.toUpperCase(), path })),
  );
}

/** A request the application owning the ids would have answered: its vehicle, webhook and delivery. */
function managementRequest(operation: ManagementOperation, authorization: string | undefined) {
  const path = operation.path.replace('{id}', vehicleOf('TESLA').id).replace('{webhook_id}', webhookId).replace('{delivery_id}', deliveryId);
  const query = operation.id === 'getVehicleConnections' || operation.id === 'deleteVehicleConnections' ? `?vehicle_id=${vehicleOf('TESLA').id}` : operation.id === 'listWebhookDeliveries' ? `?webhook_id=${webhookId}` : '';
  const body =
    operation.id === 'createWebhook' ? { name: 'Hook', callbackUrl: 'http://127.0.0.1:9/hook', kind: 'eventBased', mode: 'test', eventTypes: ['CHARGING_STARTED'] }
      : operation.id === 'updateWebhook' ? { name: 'Renamed' }
        : undefined;
  return harness.app.inject({
    method: operation.method as 'GET',
    url: `${path}${query}`,
    headers: { ...(authorization === undefined ? {} : { authorization }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

const notMine = (what: string) => `No ${what} with this id belongs to the application.`;

/**
 * What another application's valid management token gets for each operation on this application's
 * ids: nothing of this application, either an empty answer scoped to its own data or 404.
 * Creating a webhook and the application's own lifecycle (its state, its resubmission) name nothing
 * of another application, so they have no such case.
 */
const foreignAnswers: Readonly<Record<string, ((requestId: string) => { status: number; body: unknown }) | null>> = {
  getVehicleConnections: () => ({ status: 200, body: { connections: [], paging: { cursor: null } } }),
  deleteVehicleConnections: () => ({ status: 200, body: { connections: [] } }),
  unsubscribeWebhook: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('webhook')) }),
  createWebhook: null,
  listWebhooks: () => ({ status: 200, body: { webhooks: [expect.objectContaining({ id: foreignWebhookId })] } }),
  getWebhook: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('webhook')) }),
  updateWebhook: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('webhook')) }),
  deleteWebhook: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('webhook')) }),
  verifyWebhook: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('webhook')) }),
  // The filter names a webhook of another application: none of the caller's deliveries match it.
  listWebhookDeliveries: () => ({ status: 200, body: { deliveries: [], paging: { cursor: null } } }),
  getWebhookDelivery: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('delivery')) }),
  replayWebhookDelivery: (requestId) => ({ status: 404, body: catalogErrorBody(requestId, 'RESOURCE_NOT_FOUND', 'PATH', notMine('delivery')) }),
  getLifecycle: null,
  resubmitLifecycleRequest: null,
};

describe('Management API operations refuse every credential but the application’s own', () => {
  const managementRefusals = [
    ['no token', () => undefined, 'The request has no management token. Send `Authorization: Basic base64("default:" + management token)`.'],
    ['a malformed token', () => `Basic ${Buffer.from('not-the-default-user').toString('base64')}`, 'The Authorization header is not of the form `Basic base64("default:" + management token)`.'],
    ['an unknown token', () => basicManagement('not-a-management-token'), 'The management token is not valid.'],
    ['a rotated-out token', () => basicManagement(rotatedManagementToken), 'The management token is not valid.'],
    ['a vehicle access token', () => bearer(vehicleOf('TESLA').token), 'The management token is not valid.'],
  ] as const;

  it('covers the catalog’s Management API endpoints, and has a cross-application answer for every operation', async () => {
    const ids = (await managementOperations()).map((operation) => operation.id);
    expect(ids).toEqual(expect.arrayContaining(endpointCatalog.filter((endpoint) => endpoint.surface === 'management').map((endpoint) => endpoint.id)));
    expect([...ids].sort()).toEqual(Object.keys(foreignAnswers).sort());
  });

  describe.each(managementRefusals)('with %s', (_name, authorization, description) => {
    it('answers 401 AUTHENTICATION to every operation', async () => {
      for (const operation of await managementOperations()) {
        const response = await managementRequest(operation, authorization());
        expect(response.statusCode, operation.id).toBe(401);
        expect(response.json(), operation.id).toEqual(catalogErrorBody(requestIdOf(response), 'AUTHENTICATION', null, description));
        expect(response.headers['www-authenticate'], operation.id).toBe('Basic realm="carport-management"');
      }
    });
  });

  it('answers another application’s token with nothing of this application', async () => {
    for (const operation of await managementOperations()) {
      const answer = foreignAnswers[operation.id];
      if (answer === null || answer === undefined) continue;
      const response = await managementRequest(operation, basicManagement(foreign.managementToken));
      const expected = answer(requestIdOf(response));
      expect(response.statusCode, `${operation.id}: ${response.body}`).toBe(expected.status);
      expect(response.json(), operation.id).toEqual(expected.body);
      expect(response.body, operation.id).not.toContain(webhookId);
      expect(response.body, operation.id).not.toContain(vehicleOf('TESLA').vin);
    }
    // Nothing was deleted or disconnected on this application's side.
    const owner = vehicleOf('TESLA');
    const stillConnected = await harness.app.inject({ method: 'GET', url: `/v2.0/vehicles/${owner.id}/permissions`, headers: { authorization: bearer(owner.token) } });
    expect(stillConnected.statusCode).toBe(200);
    expect(await harness.app.carport.repositories.webhooks.findForApplication(mine.id, webhookId)).not.toBeNull();
  });

  it('refuses to disconnect this application’s vehicle with another application’s management token', async () => {
    const vehicle = vehicleOf('TESLA');
    const response = await harness.app.inject({ method: 'DELETE', url: `/v2.0/vehicles/${vehicle.id}/application`, headers: { authorization: basicManagement(foreign.managementToken) } });
    expectRefusal(response, 403, catalogErrorBody(requestIdOf(response), 'PERMISSION', null, 'This application has no active connection to this vehicle.'), vehicle);
  });
});
