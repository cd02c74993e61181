/**
 * @module An emulated NIO open platform on one HTTP server: the OAuth 2.0 authorization server
 * (`/oauth2/authorize`, `/oauth2/token`, `/oauth2/revoke`) whose scopes are the NIO Vehicle API's
 * five data packages, and the vehicle API under `/api/v1` in NIO's envelope
 * (`{request_id, result_code, message, data}`), with vehicles driven by Carport's simulator, a
 * change feed of vehicle events, and a control API under `/_emulator` (and the same operations as
 * methods) for tests to expire or revoke tokens, take a car offline, raise events and inject faults.
 *
 * NIO publishes the data packages and attributes, not the wire format: the paths, field names and
 * result codes here are Carport's reading of them (see docs/providers.md), to be checked against
 * NIO's during the joint testing NIO runs with each partner.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EndpointId } from '@carport/server';
import { bodyFields, bodyText, sendHtml, sendJson } from '../http-io.js';
import { NioAuthority, nioAccountId, type NioAccount, type NioGrant } from './nio-authority.js';
import { renderNioAuthorizePage } from './nio-authorize-page.js';
import { isNioFaultTarget, NioFaults, parseNioFault, type NioFault, type NioFaultTarget } from './nio-faults.js';
import { NioGarage, type NioEventType, type NioFeedEvent, type NioVehicle } from './nio-garage.js';
import { parseNioScopes, type NioScope } from './nio-scopes.js';
import { isNioResource, nioResources, resourceData, vehicleListEntry } from './nio-wire.js';

/** The password of every emulated account unless the caller names accounts itself. */
export const EMULATED_NIO_PASSWORD = 'nio-emulator';

export interface EmulatedNioOptions {
  readonly port?: number;
  readonly host?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Access token lifetime in seconds; default one hour. */
  readonly accessTokenLifetimeSeconds?: number;
  /** Emails of the owner accounts (each gets one NIO); default three. */
  readonly accounts?: readonly string[];
  readonly password?: string;
  /** Simulator seed the NIOs are drawn with. */
  readonly seed?: string;
  readonly now?: () => Date;
}

const defaultAccounts = ['owner1@nio.emulator.carport.example', 'owner2@nio.emulator.carport.example', 'owner3@nio.emulator.carport.example'];

/** Most change-feed events one page answers. */
const FEED_PAGE_LIMIT = 50;

/** How the car's refusals (catalog pairs of the simulator) read as NIO result codes. */
const refusalCodes: Readonly<Record<string, string>> = {
  'VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED': 'plug_not_connected',
  'VEHICLE_STATE:CHARGING_IN_PROGRESS': 'already_charging',
  'VEHICLE_STATE:NOT_CHARGING': 'not_charging',
  'VEHICLE_STATE:FULLY_CHARGED': 'battery_full',
  'VEHICLE_STATE:CHARGE_FAULT': 'charger_fault',
  'VEHICLE_STATE:IN_MOTION': 'vehicle_in_motion',
};

export class EmulatedNioCloud {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accounts: readonly NioAccount[];
  readonly garage: NioGarage;
  readonly authority: NioAuthority;
  readonly faults = new NioFaults();
  /** API requests received, as `METHOD path` (tests count retries and polls). */
  readonly apiRequests: string[] = [];
  readonly #server: Server;
  readonly #now: () => Date;
  readonly #timers = new Set<NodeJS.Timeout>();

  private constructor(server: Server, options: EmulatedNioOptions, accounts: readonly NioAccount[], garage: NioGarage) {
    this.#server = server;
    this.#now = options.now ?? (() => new Date());
    this.clientId = options.clientId ?? 'carport-emulated-nio-client';
    this.clientSecret = options.clientSecret ?? 'carport-emulated-nio-secret';
    this.accounts = accounts;
    this.garage = garage;
    this.authority = new NioAuthority({
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
      now: () => this.#now().getTime(),
    });
  }

  static async start(options: EmulatedNioOptions = {}): Promise<EmulatedNioCloud> {
    const now = options.now ?? (() => new Date());
    const garage = new NioGarage({ seed: options.seed ?? 'nio-emulator', now });
    const accounts = (options.accounts ?? defaultAccounts).map((email) => ({ email, password: options.password ?? EMULATED_NIO_PASSWORD, accountId: nioAccountId(email) }));
    for (const account of accounts) await garage.addAccount(account);
    const server = createServer();
    const cloud = new EmulatedNioCloud(server, options, accounts, garage);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      cloud.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) cloud.#envelope(response, 500, 'internal_error', `internal error: ${String(error)}`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
    });
    return cloud;
  }

  get origin(): string {
    const address = this.#server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Answers the next API request(s) of `target` with a fault. */
  inject(fault: NioFault, times = 1, target: NioFaultTarget = 'any'): void {
    this.faults.inject(fault, times, target);
  }

  /** Ends every access token now (of one account, when named). */
  expireAccessTokens(email?: string): void {
    this.authority.expireAccessTokens(email);
  }

  revokeAccount(email: string): void {
    this.authority.revokeAccount(email);
  }

  vehicleOf(email: string): NioVehicle {
    const vehicle = this.garage.vehiclesOf(email)[0];
    if (vehicle === undefined) throw new Error(`no emulated account ${email}`);
    return vehicle;
  }

  /** Reports an event of the account's car on its change feed (what the car does by itself, e.g. finishing a charge). */
  raiseEvent(email: string, type: NioEventType): Promise<NioFeedEvent> {
    return this.garage.record(this.vehicleOf(email), type);
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.garage.close();
    await new Promise<void>((resolve, reject) => {
      this.#server.close((error) => {
        if (error === undefined) resolve();
        else reject(error);
      });
      this.#server.closeAllConnections();
    });
  }

  #envelope(response: ServerResponse, status: number, resultCode: string, message: string, data: unknown = null, headers: Readonly<Record<string, string>> = {}): void {
    sendJson(response, status, { request_id: randomUUID(), result_code: resultCode, message, data }, headers);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /oauth2/authorize') { this.#authorizePage(url, response); return; }
    if (route === 'POST /oauth2/authorize') { this.#authorizeDecision(await bodyFields(request), response); return; }
    if (route === 'POST /oauth2/token') {
      const [status, body] = this.authority.token(await bodyFields(request));
      sendJson(response, status, body, { 'cache-control': 'no-store' }); return;
    }
    if (route === 'POST /oauth2/revoke') {
      const [status, body] = this.authority.revoke(await bodyFields(request));
      sendJson(response, status, body); return;
    }
    if (url.pathname.startsWith('/_emulator/')) { await this.#control(route, await bodyText(request), response); return; }
    if (url.pathname.startsWith('/api/v1/')) return this.#api(request, url, response);
    this.#envelope(response, 404, 'not_found', 'not found');
  }

  #authorizeRequest(fields: Readonly<Record<string, string>>): { problem: string } | { scopes: NioScope[] } {
    if (fields.response_type !== 'code') return { problem: 'response_type must be code' };
    if (fields.client_id !== this.clientId) return { problem: 'unknown client_id' };
    if (fields.redirect_uri === undefined || !URL.canParse(fields.redirect_uri)) return { problem: 'redirect_uri is missing or not a URL' };
    if (fields.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(fields.code_challenge ?? '')) return { problem: 'PKCE is required: code_challenge with code_challenge_method S256' };
    const { scopes, unknown } = parseNioScopes(fields.scope);
    if (unknown.length > 0) return { problem: `unknown scopes: ${unknown.join(' ')}` };
    if (scopes.length === 0) return { problem: 'at least one data package scope is required' };
    return { scopes };
  }

  #invalidRequestPage(response: ServerResponse, problem: string): void {
    sendHtml(response, 400, `<!doctype html><title>Error</title><p>Invalid authorization request: ${problem.replace(/[<>&]/g, '')}</p>`);
  }

  #authorizePage(url: URL, response: ServerResponse): void {
    const fields = Object.fromEntries(url.searchParams);
    const checked = this.#authorizeRequest(fields);
    if ('problem' in checked) { this.#invalidRequestPage(response, checked.problem); return; }
    sendHtml(response, 200, renderNioAuthorizePage({ request: fields, scopes: checked.scopes, clientId: this.clientId, problem: null, email: '' }));
  }

  #authorizeDecision(form: Readonly<Record<string, string>>, response: ServerResponse): void {
    const { identity, credential, decision, ...request } = form;
    const checked = this.#authorizeRequest(request);
    if ('problem' in checked) { this.#invalidRequestPage(response, checked.problem); return; }
    const back = new URL(request.redirect_uri ?? '');
    if (request.state !== undefined) back.searchParams.set('state', request.state);
    if (decision !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user declined to share the data packages');
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    const account = this.accounts.find((candidate) => candidate.email === identity && candidate.password === credential);
    if (account === undefined) {
      sendHtml(response, 401, renderNioAuthorizePage({ request, scopes: checked.scopes, clientId: this.clientId, problem: 'The email or password is incorrect.', email: identity ?? '' })); return;
    }
    back.searchParams.set('code', this.authority.issueCode(account, { redirectUri: request.redirect_uri ?? '', codeChallenge: request.code_challenge ?? '', scopes: checked.scopes }));
    response.writeHead(302, { location: back.toString() }).end();
  }

  async #control(route: string, text: string, response: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      sendJson(response, 400, { error: 'the body is not JSON' }); return;
    }
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const known = (email: unknown): email is string => typeof email === 'string' && this.garage.vehiclesOf(email).length > 0;
    if (route === 'POST /_emulator/faults') {
      const fault = parseNioFault(fields);
      if (fault === undefined) { sendJson(response, 400, { error: 'unknown fault kind' }); return; }
      if (fields.target !== undefined && !isNioFaultTarget(fields.target)) { sendJson(response, 400, { error: 'target must be vehicle, feed or any' }); return; }
      this.inject(fault, typeof fields.times === 'number' ? fields.times : 1, fields.target ?? 'any');
      sendJson(response, 200, { pending: this.faults.pending }); return;
    }
    if (route === 'POST /_emulator/expire-tokens') { this.expireAccessTokens(typeof fields.email === 'string' ? fields.email : undefined); sendJson(response, 200, {}); return; }
    if (route === 'POST /_emulator/revoke') { this.revokeAccount(String(fields.email)); sendJson(response, 200, {}); return; }
    if (route === 'POST /_emulator/offline') {
      if (!known(fields.email)) { sendJson(response, 404, { error: 'unknown account' }); return; }
      this.vehicleOf(fields.email).offline = fields.offline !== false;
      sendJson(response, 200, {}); return;
    }
    if (route === 'POST /_emulator/events') {
      const type = fields.type;
      if (!known(fields.email)) { sendJson(response, 404, { error: 'unknown account' }); return; }
      if (type !== 'charging_started' && type !== 'charging_stopped' && type !== 'charging_completed') { sendJson(response, 400, { error: 'unknown event type' }); return; }
      sendJson(response, 200, { event: await this.raiseEvent(fields.email, type) }); return;
    }
    if (route === 'GET /_emulator/accounts') {
      sendJson(response, 200, { accounts: this.accounts.map((account) => ({ email: account.email, vehicles: this.garage.vehiclesOf(account.email).map(vehicleListEntry) })) }); return;
    }
    sendJson(response, 404, { error: 'not found' });
  }

  async #api(request: IncomingMessage, url: URL, response: ServerResponse): Promise<void> {
    this.apiRequests.push(`${request.method ?? 'GET'} ${url.pathname}`);
    const grant = this.authority.authenticate(request.headers.authorization);
    if (grant === 'missing' || grant === 'invalid') { this.#envelope(response, 401, 'invalid_token', 'The access token is invalid.'); return; }
    if (grant === 'expired') { this.#envelope(response, 401, 'token_expired', 'The access token has expired.'); return; }
    const fault = this.faults.next(url.pathname.endsWith('/events') ? 'feed' : 'vehicle');
    if (fault !== undefined && (await this.#answerFault(fault, response))) return;
    if (request.method === 'GET' && url.pathname === '/api/v1/vehicles') {
      this.#envelope(response, 200, 'success', 'success', { vehicles: this.garage.vehiclesOf(grant.account.email).map(vehicleListEntry) }); return;
    }
    const match = /^\/api\/v1\/vehicles\/([^/]+)\/(.+)$/.exec(url.pathname);
    const vehicle = match?.[1] === undefined ? undefined : this.garage.find(match[1]);
    if (vehicle === undefined || vehicle.account.email !== grant.account.email) { this.#envelope(response, 404, 'vehicle_not_found', 'No such vehicle in this account.'); return; }
    const rest = match?.[2] ?? '';
    if (request.method === 'GET' && rest === 'events') { this.#events(grant, vehicle, url, response); return; }
    if (vehicle.offline) { this.#envelope(response, 408, 'vehicle_offline', 'The vehicle is offline.'); return; }
    if (request.method === 'GET' && isNioResource(rest)) {
      const resource = nioResources[rest];
      if (!grant.scopes.includes(resource.scope)) { this.#envelope(response, 403, 'permission_denied', `The owner did not share ${resource.scope}.`); return; }
      this.#envelope(response, 200, 'success', 'success', await resourceData(this.garage, vehicle, rest, this.#now().getTime())); return;
    }
    const command = /^charging\/(start|stop)$/.exec(rest)?.[1];
    if (request.method === 'POST' && command !== undefined) { await this.#charging(grant, vehicle, command === 'start', response); return; }
    this.#envelope(response, 404, 'not_found', 'not found');
  }

  #events(grant: NioGrant, vehicle: NioVehicle, url: URL, response: ServerResponse): void {
    if (!grant.scopes.includes('charging_status')) { this.#envelope(response, 403, 'permission_denied', 'The owner did not share charging_status.'); return; }
    const cursor = url.searchParams.get('cursor');
    const since = url.searchParams.get('since');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? FEED_PAGE_LIMIT) || FEED_PAGE_LIMIT, FEED_PAGE_LIMIT);
    if (cursor !== null && !/^\d+$/.test(cursor)) { this.#envelope(response, 400, 'invalid_parameter', 'cursor must be a sequence number.'); return; }
    if (since !== null && !/^\d+$/.test(since)) { this.#envelope(response, 400, 'invalid_parameter', 'since must be epoch milliseconds.'); return; }
    // Without a cursor or a time, a client starts from now on: no events, and the cursor of the newest.
    const after = cursor !== null ? Number(cursor) : since !== null ? (vehicle.feed.find((event) => event.sampleTime > Number(since))?.sequence ?? vehicle.feed.length + 1) - 1 : vehicle.feed.length;
    const page = vehicle.feed.filter((event) => event.sequence > after).slice(0, limit);
    const last = page.at(-1)?.sequence ?? after;
    this.#envelope(response, 200, 'success', 'success', {
      events: page.map((event) => ({ event_id: event.eventId, event_type: event.type, sample_time: event.sampleTime, user_soc: event.userSoc })),
      next_cursor: String(last),
      has_more: vehicle.feed.length > last,
    });
  }

  async #charging(grant: NioGrant, vehicle: NioVehicle, start: boolean, response: ServerResponse): Promise<void> {
    if (!grant.scopes.includes('control_charging')) { this.#envelope(response, 403, 'permission_denied', 'The owner did not share control_charging.'); return; }
    const endpointId: EndpointId = 'controlCharge';
    const refusal = await this.garage.execute(vehicle, endpointId, { action: start ? 'START' : 'STOP' });
    if (refusal !== null) { this.#envelope(response, 409, refusalCodes[refusal] ?? 'command_failed', `The vehicle refused: ${refusal}.`); return; }
    await this.garage.record(vehicle, start ? 'charging_started' : 'charging_stopped');
    this.#envelope(response, 200, 'success', 'success', { command_id: randomUUID(), status: 'executed' });
  }

  /** Answers a fault; false when the fault only delays the genuine answer. */
  async #answerFault(fault: NioFault, response: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'rate_limit':
        this.#envelope(response, 429, 'rate_limit_exceeded', 'Too many requests.', null, { 'retry-after': String(fault.retryAfterSeconds) });
        return true;
      case 'offline':
        this.#envelope(response, 408, 'vehicle_offline', 'The vehicle is offline.');
        return true;
      case 'server_error':
        this.#envelope(response, fault.status, 'internal_error', 'Internal server error.');
        return true;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"result_code": "success", "data": {"user_soc": [garbage');
        return true;
      case 'invalid_token':
        this.#envelope(response, 401, 'invalid_token', 'The access token is invalid.');
        return true;
      case 'slow':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.#timers.delete(timer);
            resolve();
          }, fault.delayMs);
          this.#timers.add(timer);
        });
        return false;
    }
  }
}
