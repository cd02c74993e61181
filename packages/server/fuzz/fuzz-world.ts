/**
 * @module The data a fuzz run works against, seeded through the same providers and repositories
 * Connect uses: an application with one owner and connected test vehicle per make that has
 * make-specific endpoints, a second application with its own vehicle, a narrow grant, tokens that are
 * valid, expired or revoked, a webhook and a Connect flow halfway through. Requests that disconnect or
 * delete are followed by {@link FuzzWorld.heal}, so later requests still get past authentication.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { makeCatalog } from '../src/catalog/makes.js';
import { permissionCatalog } from '../src/catalog/permissions.js';
import type { Repositories } from '../src/store/index.js';
import { fuzzPlan } from './fuzz-app.js';
import { passwordLinkingOf } from '../src/providers/contract/index.js';
import { listedVehicle, seedApplication, seedConnectedOwner } from '../test/helpers/test-world.js';

/** A connected vehicle and the token of the owner who connected it. */
export interface SeededVehicle {
  /** Upper-case make id, e.g. `TESLA`. */
  readonly make: string;
  /** The id the application sees. */
  readonly id: string;
  readonly vin: string;
  readonly accessToken: string;
  readonly userId: string;
}

export interface SeededApplication {
  readonly id: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly managementToken: string;
  readonly redirectUri: string;
}

/** A Connect flow signed in to a test account, ready for the grant page. */
export interface SeededFlow {
  readonly id: string;
  readonly csrf: string;
  readonly cookie: string;
}

/** What a grant was made with, so a disconnected one can be made again under the same vehicle id. */
interface GrantRecord {
  readonly applicationId: string;
  readonly userId: string;
  readonly vehicleId: string;
  readonly applicationVehicleId: string;
  readonly permissions: readonly string[];
}

/** Makes whose vehicles, between them, serve every make-specific endpoint of the catalog. */
const seededMakes = ['TESLA', 'AUDI', 'BMW', 'MINI', 'FORD', 'LINCOLN', 'CHEVROLET', 'CADILLAC', 'NISSAN', 'NIO', 'TOYOTA'];
const redirectUri = 'https://app.fuzz.example/callback';
const mode = 'test' as const;

/** A callback URL whose verification fails at once without leaving the machine (see outbound-guard.ts). */
export const unreachableCallbackUrl = 'https://hooks.fuzz.invalid/carport';

/** The grants a seeding made, so a disconnected one can be made again. */
class GrantLedger {
  readonly grants: GrantRecord[] = [];
  readonly #app: FastifyInstance;

  constructor(app: FastifyInstance) {
    this.#app = app;
  }

  /** Signs in to a make's test account as Connect would and connects its first vehicle; undefined when the make has none. */
  async connect(application: SeededApplication, make: string, login: string, permissions: readonly string[]): Promise<SeededVehicle | undefined> {
    const { providers, repositories } = this.#app.carport;
    const provider = providers.find(make, mode);
    const signedIn = await passwordLinkingOf(provider)?.signIn(make, mode, { username: login, password: 'fuzz' });
    if (provider === undefined || signedIn?.ok !== true) return undefined;
    const [vehicle] = await provider.listVehicles(signedIn.account);
    if (vehicle === undefined) return undefined;
    const grant = await seedConnectedOwner(repositories, application.id, { owner: signedIn.account, vehicles: [listedVehicle(vehicle)], permissions, mode });
    const [stored] = grant.vehicles;
    const [connection] = grant.connections;
    if (stored === undefined || connection === undefined) throw new Error(`the ${make} vehicle was not connected`);
    this.grants.push({ applicationId: application.id, userId: grant.userId, vehicleId: stored.id, applicationVehicleId: connection.applicationVehicleId, permissions });
    return { make, id: connection.applicationVehicleId, vin: vehicle.vin, accessToken: grant.accessToken, userId: grant.userId };
  }

  async first(application: SeededApplication, make: string, login: string, permissions: readonly string[]): Promise<SeededVehicle> {
    const vehicle = await this.connect(application, make, login, permissions);
    if (vehicle === undefined) throw new Error(`the ${make} test account ${login} has no vehicle`);
    return vehicle;
  }
}

/** Everything seeded, as the request builder reads it. */
export interface WorldSeed {
  readonly main: SeededApplication;
  readonly other: SeededApplication;
  readonly adminToken: string;
  /** Vehicles of the main application, one owner (and token) each. */
  readonly vehicles: readonly SeededVehicle[];
  /** A vehicle of the other application. */
  readonly foreignVehicle: SeededVehicle;
  /** A vehicle of the main application whose owner granted `read_vin` only. */
  readonly narrowVehicle: SeededVehicle;
  readonly expiredToken: string;
  readonly revokedToken: string;
  /** A refresh token of its own family: exchanging it cannot revoke the tokens the other requests use. */
  readonly sacrificialRefreshToken: string;
  readonly authorizationCode: string;
  /** The VIN the admin API's operator routes act on; no other request reads this vehicle, so injected faults stay with it. */
  readonly operatorVin: string;
  readonly flow: SeededFlow;
}

export class FuzzWorld {
  readonly #app: FastifyInstance;
  readonly #grants: readonly GrantRecord[];
  #webhookId: string;
  #otherWebhookId: string;

  private constructor(app: FastifyInstance, readonly seeded: WorldSeed, grants: readonly GrantRecord[], webhookIds: readonly [string, string]) {
    this.#app = app;
    this.#grants = grants;
    [this.#webhookId, this.#otherWebhookId] = webhookIds;
  }

  /** The main application's webhook (re-created when a request deletes it). */
  get webhookId(): string {
    return this.#webhookId;
  }

  /** The other application's webhook. */
  get otherWebhookId(): string {
    return this.#otherWebhookId;
  }

  static async seed(app: FastifyInstance, adminToken: string): Promise<FuzzWorld> {
    const repositories = app.carport.repositories;
    const ledger = new GrantLedger(app);
    const main = await createApplication(repositories, 'Fuzz main');
    const other = await createApplication(repositories, 'Fuzz other');
    const everything = permissionCatalog.map((permission) => permission.name);
    const vehicles: SeededVehicle[] = [];
    for (const make of seededMakes) {
      const vehicle = await ledger.connect(main, make, `fuzz.${make.toLowerCase()}@example.com`, everything);
      if (vehicle !== undefined) vehicles.push(vehicle);
    }
    const owner = vehicles[0];
    if (owner === undefined) throw new Error('no vehicle was seeded');
    const revoked = await repositories.tokens.issue({ applicationId: main.id, userId: owner.userId });
    await repositories.tokens.revokeFamily(revoked.record.familyId, 'refresh_token_reused');
    const seeded: WorldSeed = {
      main,
      other,
      adminToken,
      vehicles,
      foreignVehicle: await ledger.first(other, 'TESLA', 'fuzz.other@example.com', everything),
      narrowVehicle: await ledger.first(main, 'TESLA', 'fuzz.narrow@example.com', ['read_vin']),
      expiredToken: (await repositories.tokens.issue({ applicationId: main.id, userId: owner.userId, accessTtlSeconds: -60 })).accessToken,
      revokedToken: revoked.accessToken,
      sacrificialRefreshToken: (await repositories.tokens.issue({ applicationId: main.id, userId: owner.userId })).refreshToken,
      authorizationCode: (await repositories.authorizationCodes.create({ applicationId: main.id, userId: owner.userId, redirectUri, scope: ['read_vehicle_info'], connectionIds: [] })).code,
      operatorVin: (await ledger.first(other, 'TESLA', 'fuzz.operator@example.com', everything)).vin,
      flow: await signedInFlow(app, main),
    };
    return new FuzzWorld(app, seeded, ledger.grants, [await createWebhook(app, main), await createWebhook(app, other)]);
  }

  /** Every seeded vehicle, of either application. */
  allVehicles(): SeededVehicle[] {
    return [...this.seeded.vehicles, this.seeded.foreignVehicle, this.seeded.narrowVehicle];
  }

  /** Lower-case path segments of the seeded makes, e.g. `tesla`. */
  static pathSegmentOf(make: string): string | undefined {
    return makeCatalog.find((definition) => definition.id === make)?.pathSegment;
  }

  /** Reconnects what a request disconnected (same vehicle ids) and re-creates a deleted webhook. */
  async heal(): Promise<void> {
    const { connections, webhooks } = this.#app.carport.repositories;
    for (const grant of this.#grants) {
      if ((await connections.findActiveByApplicationVehicleId(grant.applicationId, grant.applicationVehicleId)) !== null) continue;
      await connections.create({ applicationId: grant.applicationId, userId: grant.userId, vehicleId: grant.vehicleId, permissions: grant.permissions, mode, applicationVehicleId: grant.applicationVehicleId });
    }
    const { main, other } = this.seeded;
    if ((await webhooks.findForApplication(main.id, this.#webhookId)) === null) this.#webhookId = await createWebhook(this.#app, main);
    if ((await webhooks.findForApplication(other.id, this.#otherWebhookId)) === null) this.#otherWebhookId = await createWebhook(this.#app, other);
  }
}

async function createApplication(repositories: Repositories, name: string): Promise<SeededApplication> {
  const created = await seedApplication(repositories, { name, redirectUris: [redirectUri], plan: fuzzPlan });
  return { id: created.applicationId, clientId: created.clientId, clientSecret: created.clientSecret, managementToken: created.managementToken, redirectUri };
}

export function managementAuthorization(application: SeededApplication): string {
  return `Basic ${Buffer.from(`default:${application.managementToken}`).toString('base64')}`;
}

/** Creates a webhook through the API, as an application would. */
async function createWebhook(app: FastifyInstance, application: SeededApplication): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/v2.0/management/webhooks',
    headers: { authorization: managementAuthorization(application), 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'Fuzz webhook', callbackUrl: unreachableCallbackUrl, kind: 'eventBased', mode, eventTypes: ['CHARGING_STARTED'] }),
  });
  const body = response.json<{ id?: unknown }>();
  if (response.statusCode !== 201 || typeof body.id !== 'string') throw new Error(`webhook creation answered ${response.statusCode}: ${response.body}`);
  return body.id;
}

function cookiesOf(response: LightMyRequestResponse): string {
  return response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** Starts Connect for a Tesla test account and signs in, leaving the flow on its grant page. */
async function signedInFlow(app: FastifyInstance, application: SeededApplication): Promise<SeededFlow> {
  const query = new URLSearchParams({ client_id: application.clientId, redirect_uri: application.redirectUri, scope: 'read_vehicle_info read_odometer', mode, make: 'TESLA', state: 'fuzz' });
  const started = await app.inject({ method: 'GET', url: `/oauth/authorize?${query.toString()}` });
  const flowId = /[?&]flow=([^&]+)/.exec(String(started.headers.location))?.[1];
  if (flowId === undefined) throw new Error(`Connect did not start a flow: ${started.statusCode}`);
  const startCookie = cookiesOf(started);
  const preamble = await app.inject({ method: 'GET', url: `/connect/preamble?flow=${flowId}`, headers: { cookie: startCookie } });
  const csrf = /name="csrf" value="([^"]*)"/.exec(preamble.body)?.[1];
  if (csrf === undefined) throw new Error('the Connect preamble has no CSRF field');
  const signedIn = await app.inject({
    method: 'POST',
    url: '/connect/login',
    headers: { cookie: startCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ flow: flowId, csrf, username: 'fuzz.connect@example.com', password: 'fuzz' }).toString(),
  });
  return { id: flowId, csrf, cookie: cookiesOf(signedIn) || startCookie };
}
