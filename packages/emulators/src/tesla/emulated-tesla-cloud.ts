/**
 * @module An emulated Tesla cloud on one HTTP server: the OAuth 2.0 authorization server
 * (`/oauth2/v3/authorize`, `/oauth2/v3/token`) and the Fleet API (`/api/1/...`) in Tesla's wire
 * format, with vehicles driven by Carport's simulator, plus a control API under `/_emulator` (and
 * the same operations as methods) for tests to expire or revoke tokens, put a car to sleep and
 * inject faults into the next Fleet API requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderAuthorizePage } from './authorize-page.js';
import { teslaCommands, refusalReason } from './command-wire.js';
import { accountSub, EmulatedGarage, type EmulatedVehicle } from './emulated-garage.js';
import { parseTelemetryConfigRequest } from './telemetry-config.js';
import { InjectedFaults, parseFault, type InjectedFault } from './injected-faults.js';
import { parseScopes, TeslaAuthority, type AccessGrant, type EmulatedAccount } from './tesla-authority.js';
import { isVehicleDataSection, vehicleData, vehicleListEntry } from './vehicle-data-wire.js';
import { VehicleTelemetry } from './vehicle-telemetry.js';
import { bodyFields, bodyText, sendHtml, sendJson } from '../http-io.js';

/** The password of every emulated account unless the caller names accounts itself. */
export const EMULATED_TESLA_PASSWORD = 'tesla-emulator';

export interface EmulatedTeslaOptions {
  /** Port to listen on (0: a free one). */
  readonly port?: number;
  readonly host?: string;
  /** The OAuth client registered at this cloud (Carport's settings name the same). */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Access token lifetime; Tesla's is 8 hours. */
  readonly accessTokenLifetimeSeconds?: number;
  /** Emails of the owner accounts (each gets one Tesla); default three. */
  readonly accounts?: readonly string[];
  readonly password?: string;
  /**
   * How long a sleeping car takes to come online after `wake_up`, as a real Tesla does (the call
   * answers at once with the car still asleep). Default 0: online by the next request.
   */
  readonly wakeDelayMs?: number;
  /**
   * How long a rotated refresh token is still accepted (each use answers a fresh pair), so a client
   * that lost the answer to its refresh (it crashed before storing the new pair) can refresh again.
   * Default 0: a spent refresh token is refused at once.
   */
  readonly refreshReuseGraceSeconds?: number;
  /** Simulator seed the Teslas are drawn with. */
  readonly seed?: string;
  readonly now?: () => Date;
  /** The MQTT broker the cloud's fleet-telemetry server dispatches records to; without it no vehicle streams. */
  readonly telemetry?: { readonly mqttUrl: string; readonly topicPrefix?: string };
  /** Emails of accounts whose car requires signed commands (Tesla's vehicle-command protocol). */
  readonly signedCommandAccounts?: readonly string[];
}

const defaultAccounts = ['owner1@tesla.emulator.carport.example', 'owner2@tesla.emulator.carport.example', 'owner3@tesla.emulator.carport.example'];

function envelopeError(response: ServerResponse, status: number, error: string, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(response, status, { response: null, error, error_description: '' }, headers);
}

export class EmulatedTeslaCloud {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accounts: readonly EmulatedAccount[];
  readonly garage: EmulatedGarage;
  readonly authority: TeslaAuthority;
  readonly faults = new InjectedFaults();
  /** Fleet API requests received, as `METHOD path` (tests count wake-ups and retries). */
  readonly fleetRequests: string[] = [];
  /**
   * When set, each answer to a refresh grant waits for this before it is sent (the rotation has
   * already happened): tests cut a client off between the rotation and its receipt of the new pair.
   */
  holdRefreshAnswers: ((presentedRefreshToken: string) => Promise<void>) | undefined;
  /** `wake_up` requests received. */
  wakeUps = 0;
  /** Commands the vehicle-command proxy signed and delivered, as `VIN name`. */
  readonly signedCommands: string[] = [];
  /** Fleet Telemetry configurations and the records they stream. */
  readonly telemetry: VehicleTelemetry;
  readonly #server: Server;
  readonly #now: () => Date;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #wakeDelayMs: number;

  private constructor(server: Server, options: EmulatedTeslaOptions, accounts: readonly EmulatedAccount[], garage: EmulatedGarage) {
    this.#server = server;
    this.#now = options.now ?? (() => new Date());
    this.#wakeDelayMs = options.wakeDelayMs ?? 0;
    this.clientId = options.clientId ?? 'carport-emulated-client';
    this.clientSecret = options.clientSecret ?? 'carport-emulated-secret';
    this.accounts = accounts;
    this.garage = garage;
    this.telemetry = new VehicleTelemetry({ garage, now: this.#now, ...(options.telemetry === undefined ? {} : { dispatcher: { mqttUrl: options.telemetry.mqttUrl, topicPrefix: options.telemetry.topicPrefix ?? 'telemetry' } }) });
    this.authority = new TeslaAuthority({
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 8 * 3600,
      refreshReuseGraceSeconds: options.refreshReuseGraceSeconds ?? 0,
      now: () => this.#now().getTime(),
      issuer: () => this.origin,
    });
  }

  /** Starts the cloud and its vehicles. */
  static async start(options: EmulatedTeslaOptions = {}): Promise<EmulatedTeslaCloud> {
    const now = options.now ?? (() => new Date());
    const garage = new EmulatedGarage({ seed: options.seed ?? 'tesla-emulator', now });
    const accounts = (options.accounts ?? defaultAccounts).map((email) => ({ email, password: options.password ?? EMULATED_TESLA_PASSWORD, sub: accountSub(email) }));
    for (const account of accounts) await garage.addAccount(account, (options.signedCommandAccounts ?? []).includes(account.email));
    const server = createServer();
    const cloud = new EmulatedTeslaCloud(server, options, accounts, garage);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      cloud.#handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) envelopeError(response, 500, `internal error: ${String(error)}`);
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

  /** Answers the next Fleet API request(s) with a fault. */
  inject(fault: InjectedFault, times = 1): void {
    this.faults.inject(fault, times);
  }

  expireAccessTokens(): void {
    this.authority.expireAccessTokens();
  }

  revokeAccount(email: string): void {
    this.authority.revokeAccount(email);
  }

  vehicleOf(email: string): EmulatedVehicle {
    const vehicle = this.garage.vehiclesOf(email)[0];
    if (vehicle === undefined) throw new Error(`no emulated account ${email}`);
    return vehicle;
  }

  /** The owner paired Carport's virtual key in the Tesla app (what `https://tesla.com/_ak/<domain>` leads to). */
  pairVirtualKey(vehicle: EmulatedVehicle): void {
    vehicle.keyPaired = true;
  }

  async close(): Promise<void> {
    await this.telemetry.close();
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

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /oauth2/v3/authorize') { this.#authorizePage(url, response); return; }
    if (route === 'POST /oauth2/v3/authorize') { this.#authorizeDecision(await bodyFields(request), response); return; }
    if (route === 'POST /oauth2/v3/token') {
      const form = await bodyFields(request);
      const [status, body] = this.authority.token(form);
      if (form.grant_type === 'refresh_token' && this.holdRefreshAnswers !== undefined) await this.holdRefreshAnswers(form.refresh_token ?? '');
      sendJson(response, status, body, { 'cache-control': 'no-store' }); return;
    }
    if (url.pathname.startsWith('/_emulator/')) { this.#control(route, await bodyText(request), response); return; }
    if (url.pathname.startsWith('/api/1/')) return this.#fleet(request, url, response);
    if (url.pathname.startsWith('/_proxy/api/1/')) return this.#proxy(request, url, response);
    envelopeError(response, 404, 'not found');
  }

  #authorizeRequest(fields: Readonly<Record<string, string>>): { problem: string } | { scopes: ReturnType<typeof parseScopes>['scopes'] } {
    if (fields.response_type !== 'code') return { problem: 'response_type must be code' };
    if (fields.client_id !== this.clientId) return { problem: 'unknown client_id' };
    if (fields.redirect_uri === undefined || !URL.canParse(fields.redirect_uri)) return { problem: 'redirect_uri is missing or not a URL' };
    if (fields.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(fields.code_challenge ?? '')) return { problem: 'PKCE is required: code_challenge with code_challenge_method S256' };
    const { scopes, unknown } = parseScopes(fields.scope);
    if (unknown.length > 0) return { problem: `unknown scopes: ${unknown.join(' ')}` };
    if (!scopes.includes('openid')) return { problem: 'the openid scope is required' };
    return { scopes };
  }

  #authorizePage(url: URL, response: ServerResponse): void {
    const fields = Object.fromEntries(url.searchParams);
    const checked = this.#authorizeRequest(fields);
    if ('problem' in checked) { sendHtml(response, 400, `<!doctype html><title>Error</title><p>Invalid authorization request: ${checked.problem.replace(/[<>&]/g, '')}</p>`); return; }
    sendHtml(response, 200, renderAuthorizePage({ request: fields, scopes: checked.scopes, clientId: this.clientId, problem: null, email: '' }));
  }

  #authorizeDecision(form: Readonly<Record<string, string>>, response: ServerResponse): void {
    const { identity, credential, decision, ...request } = form;
    const checked = this.#authorizeRequest(request);
    if ('problem' in checked) { sendHtml(response, 400, `<!doctype html><title>Error</title><p>Invalid authorization request: ${checked.problem.replace(/[<>&]/g, '')}</p>`); return; }
    const back = new URL(request.redirect_uri ?? '');
    if (request.state !== undefined) back.searchParams.set('state', request.state);
    if (decision !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user denied the request');
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    const account = this.accounts.find((candidate) => candidate.email === identity && candidate.password === credential);
    if (account === undefined) {
      sendHtml(response, 401, renderAuthorizePage({ request, scopes: checked.scopes, clientId: this.clientId, problem: 'The email or password is incorrect.', email: identity ?? '' })); return;
    }
    const code = this.authority.issueCode(account, { clientId: this.clientId, redirectUri: request.redirect_uri ?? '', codeChallenge: request.code_challenge ?? '', scopes: checked.scopes });
    back.searchParams.set('code', code);
    back.searchParams.set('issuer', `${this.origin}/oauth2/v3`);
    response.writeHead(302, { location: back.toString() }).end();
  }

  #control(route: string, text: string, response: ServerResponse): void {
    const body: unknown = text === '' ? {} : JSON.parse(text);
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (route === 'POST /_emulator/faults') {
      const fault = parseFault(fields);
      if (fault === undefined) { sendJson(response, 400, { error: 'unknown fault kind' }); return; }
      this.inject(fault, typeof fields.times === 'number' ? fields.times : 1);
      sendJson(response, 200, { pending: this.faults.pending }); return;
    }
    if (route === 'POST /_emulator/expire-tokens') {
      this.expireAccessTokens();
      sendJson(response, 200, {}); return;
    }
    if (route === 'POST /_emulator/revoke') {
      this.revokeAccount(String(fields.email));
      sendJson(response, 200, {}); return;
    }
    if (route === 'POST /_emulator/pair-key') {
      const vehicle = this.garage.find(String(fields.vin));
      if (vehicle === undefined) { sendJson(response, 404, { error: 'unknown vin' }); return; }
      this.pairVirtualKey(vehicle);
      sendJson(response, 200, {}); return;
    }
    if (route === 'GET /_emulator/accounts') {
      sendJson(response, 200, { accounts: this.accounts.map((account) => ({ email: account.email, vehicles: this.garage.vehiclesOf(account.email).map(vehicleListEntry) })) }); return;
    }
    sendJson(response, 404, { error: 'not found' });
  }

  async #fleet(request: IncomingMessage, url: URL, response: ServerResponse): Promise<void> {
    this.fleetRequests.push(`${request.method ?? 'GET'} ${url.pathname}`);
    const grant = this.authority.authenticate(request.headers.authorization);
    if (grant === 'missing' || grant === 'invalid') { envelopeError(response, 401, 'invalid bearer token'); return; }
    if (grant === 'expired') { envelopeError(response, 401, 'token expired (401)'); return; }
    const fault = this.faults.next();
    if (fault !== undefined && (await this.#answerFault(fault, response))) return;
    if (url.pathname === '/api/1/vehicles/fleet_telemetry_config' || url.pathname === '/api/1/vehicles/fleet_status') {
      const body: unknown = JSON.parse((await bodyText(request)) || '{}');
      if (request.method === 'POST' && url.pathname.endsWith('/fleet_status')) { this.#fleetStatus(grant, body, response); return; }
      if (request.method === 'POST') { this.#configureTelemetry(grant, body, response); return; }
    }
    const fields = request.method === 'POST' ? await bodyFields(request) : {};
    if (request.method === 'GET' && url.pathname === '/api/1/vehicles') {
      const vehicles = this.garage.vehiclesOf(grant.account.email).map(vehicleListEntry);
      sendJson(response, 200, { response: vehicles, pagination: { previous: null, next: null, current: 1, per_page: 100, count: vehicles.length, pages: 1 }, count: vehicles.length }); return;
    }
    const match = /^\/api\/1\/vehicles\/([^/]+)(?:\/(.*))?$/.exec(url.pathname);
    const vehicle = match?.[1] === undefined ? undefined : this.garage.find(match[1]);
    if (vehicle === undefined || vehicle.account.email !== grant.account.email) { envelopeError(response, 404, 'not_found'); return; }
    const rest = match?.[2] ?? '';
    if (request.method === 'GET' && rest === '') { sendJson(response, 200, { response: vehicleListEntry(vehicle) }); return; }
    if (rest === 'fleet_telemetry_config' && (request.method === 'GET' || request.method === 'DELETE')) {
      if (request.method === 'DELETE') { this.telemetry.remove(vehicle); sendJson(response, 200, { response: { updated_vehicles: 1 } }); return; }
      sendJson(response, 200, { response: { synced: true, config: this.telemetry.configOf(vehicle), limit_reached: false, key_paired: vehicle.keyPaired } }); return;
    }
    if (request.method === 'POST' && rest === 'wake_up') {
      this.#wake(vehicle);
      sendJson(response, 200, { response: vehicleListEntry(vehicle) }); return;
    }
    if (vehicle.asleep) { envelopeError(response, 408, 'vehicle unavailable: vehicle is offline or asleep'); return; }
    if (request.method === 'GET' && rest === 'vehicle_data') return this.#vehicleData(grant, vehicle, url, response);
    const command = /^command\/([a-z_]+)$/.exec(rest)?.[1];
    if (request.method === 'POST' && command !== undefined && vehicle.requiresSignedCommands) {
      envelopeError(response, 403, 'Tesla Vehicle Command Protocol required, please refer to the documentation here: https://developer.tesla.com/docs/fleet-api#2023-10-09-rest-api-vehicle-commands-endpoint-deprecation-warning'); return;
    }
    if (request.method === 'POST' && command !== undefined) return this.#command(grant, vehicle, command, fields, response);
    envelopeError(response, 404, 'not_found');
  }

  async #vehicleData(grant: AccessGrant, vehicle: EmulatedVehicle, url: URL, response: ServerResponse): Promise<void> {
    if (!grant.scopes.includes('vehicle_device_data')) { envelopeError(response, 403, 'Unauthorized missing scopes'); return; }
    const asked = (url.searchParams.get('endpoints') ?? '').split(';').filter((section) => section !== '');
    const unknown = asked.filter((section) => !isVehicleDataSection(section));
    if (unknown.length > 0) { envelopeError(response, 400, `invalid endpoints: ${unknown.join(';')}`); return; }
    const sections = asked.filter(isVehicleDataSection).filter((section) => section !== 'location_data' || grant.scopes.includes('vehicle_location'));
    sendJson(response, 200, { response: await vehicleData(this.garage, vehicle, sections, this.#now().getTime()) });
  }

  /** `POST /api/1/vehicles/fleet_telemetry_config`: configures the account's listed vehicles. */
  #configureTelemetry(grant: AccessGrant, body: unknown, response: ServerResponse): void {
    if (!grant.scopes.includes('vehicle_device_data')) { envelopeError(response, 403, 'Unauthorized missing scopes'); return; }
    const parsed = parseTelemetryConfigRequest(body);
    if ('invalid' in parsed) { envelopeError(response, 400, parsed.invalid); return; }
    const vehicles = parsed.vins.map((vin) => this.garage.find(vin));
    if (vehicles.some((vehicle) => vehicle === undefined || vehicle.account.email !== grant.account.email)) { envelopeError(response, 404, 'not_found'); return; }
    const owned = vehicles.filter((vehicle): vehicle is EmulatedVehicle => vehicle !== undefined);
    // As on Tesla's cloud, a car that requires signed commands takes a configuration only once Carport's key is on it.
    const missingKey = owned.filter((vehicle) => vehicle.requiresSignedCommands && !vehicle.keyPaired);
    for (const vehicle of owned) if (!missingKey.includes(vehicle)) this.telemetry.configure(vehicle, parsed.config);
    sendJson(response, 200, {
      response: { updated_vehicles: owned.length - missingKey.length, skipped_vehicles: { missing_key: missingKey.map((vehicle) => vehicle.vin), unsupported_hardware: [], unsupported_firmware: [], max_configs: [] } },
    });
  }

  /** `POST /api/1/vehicles/fleet_status`: which of the account's vehicles carry the partner's virtual key. */
  #fleetStatus(grant: AccessGrant, body: unknown, response: ServerResponse): void {
    const vins = typeof body === 'object' && body !== null && 'vins' in body && Array.isArray(body.vins) ? body.vins.filter((vin): vin is string => typeof vin === 'string') : [];
    const owned = vins.map((vin) => this.garage.find(vin)).filter((vehicle): vehicle is EmulatedVehicle => vehicle !== undefined && vehicle.account.email === grant.account.email);
    sendJson(response, 200, {
      response: {
        key_paired_vins: owned.filter((vehicle) => vehicle.keyPaired).map((vehicle) => vehicle.vin),
        unpaired_vins: owned.filter((vehicle) => !vehicle.keyPaired).map((vehicle) => vehicle.vin),
        vehicle_info: Object.fromEntries(owned.map((vehicle) => [vehicle.vin, { vehicle_command_protocol_required: vehicle.requiresSignedCommands, firmware_version: '2024.44.25' }])),
      },
    });
  }

  /**
   * The vehicle-command proxy: the same command paths, signed with the partner key, delivered only
   * to a car that carries the key.
   */
  async #proxy(request: IncomingMessage, url: URL, response: ServerResponse): Promise<void> {
    const grant = this.authority.authenticate(request.headers.authorization);
    if (grant === 'missing' || grant === 'invalid' || grant === 'expired') { envelopeError(response, 401, 'invalid bearer token'); return; }
    const match = /^\/_proxy\/api\/1\/vehicles\/([^/]+)\/command\/([a-z_]+)$/.exec(url.pathname);
    const vehicle = match?.[1] === undefined ? undefined : this.garage.find(match[1]);
    if (request.method !== 'POST' || match?.[2] === undefined || vehicle === undefined || vehicle.account.email !== grant.account.email) { envelopeError(response, 404, 'not_found'); return; }
    if (!vehicle.keyPaired) { envelopeError(response, 422, 'vehicle rejected request: your public key has not been paired with the vehicle'); return; }
    const fields = await bodyFields(request);
    this.signedCommands.push(`${vehicle.vin} ${match[2]}`);
    vehicle.asleep = false;
    return this.#command(grant, vehicle, match[2], fields, response);
  }

  async #command(grant: AccessGrant, vehicle: EmulatedVehicle, name: string, fields: Readonly<Record<string, string>>, response: ServerResponse): Promise<void> {
    const translate = teslaCommands[name];
    if (translate === undefined) { envelopeError(response, 404, `unknown command ${name}`); return; }
    const charging = name.startsWith('charge') || name === 'set_charge_limit';
    if (!grant.scopes.includes(charging ? 'vehicle_charging_cmds' : 'vehicle_cmds') && !grant.scopes.includes('vehicle_cmds')) { envelopeError(response, 403, 'Unauthorized missing scopes'); return; }
    const command = translate(fields);
    if ('invalid' in command) { envelopeError(response, 400, command.invalid); return; }
    const refusal = await this.garage.execute(vehicle, command.endpointId, command.body);
    // A streaming car sends a record as soon as a command changed its state.
    if (refusal === null) await this.telemetry.stream(vehicle);
    sendJson(response, 200, { response: { result: refusal === null, reason: refusal === null ? '' : refusalReason(refusal) } });
  }

  /** A sleeping car comes online `wakeDelayMs` after the wake-up (at once when it is 0). */
  #wake(vehicle: EmulatedVehicle): void {
    this.wakeUps += 1;
    if (!vehicle.asleep) return;
    if (this.#wakeDelayMs === 0) {
      vehicle.asleep = false;
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      vehicle.asleep = false;
    }, this.#wakeDelayMs);
    this.#timers.add(timer);
  }

  /** Answers a fault; false when the fault only delays the genuine answer. */
  async #answerFault(fault: InjectedFault, response: ServerResponse): Promise<boolean> {
    switch (fault.kind) {
      case 'rate_limit':
        envelopeError(response, 429, 'Account or server is rate limited', { 'retry-after': String(fault.retryAfterSeconds) });
        return true;
      case 'asleep':
        envelopeError(response, 408, 'vehicle unavailable: vehicle is offline or asleep');
        return true;
      case 'server_error':
        envelopeError(response, fault.status, fault.status === 503 ? 'upstream internal error' : 'internal server error');
        return true;
      case 'garbage':
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"response": {"charge_state": [garbage');
        return true;
      case 'unauthorized':
        envelopeError(response, 401, 'invalid bearer token');
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
