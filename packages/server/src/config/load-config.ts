/** @module Reads every setting once at start, validates it, and freezes the result. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from './data-dir.js';
import type { PlanOverrides } from '../catalog/plans.js';
import type { VehicleMode } from '../catalog/vehicle-modes.js';
import type { LogFormat, LogLevel, TeslaRegion, WebhookAddressClass } from './setting-parsers.js';
import { settings, type SettingDefinition } from './settings.js';

/** Retries, circuit breaker and wake-ups of calls to manufacturers' clouds. */
export interface UpstreamConfig {
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly breakerFailures: number;
  readonly breakerCoolDownMs: number;
  readonly wakeTimeoutMs: number;
  readonly wakePollMs: number;
}

/** The live Tesla provider's configuration: present only when a Tesla client is configured. */
export interface TeslaConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authUrl: string;
  readonly region: TeslaRegion;
  /** The Fleet API base URL of `region`. */
  readonly fleetApiUrl: string;
  readonly timeoutMs: number;
  /** Fleet Telemetry streaming; undefined when no MQTT broker is configured. */
  readonly telemetry: TeslaTelemetryConfig | undefined;
  /** Tesla's vehicle-command proxy, which signs commands; undefined when none is configured. */
  readonly commandProxyUrl: string | undefined;
  /** The partner domain owners pair the virtual key for. */
  readonly partnerDomain: string;
}

/** Where fleet-telemetry records arrive and where vehicles are told to stream. */
export interface TeslaTelemetryConfig {
  readonly mqttUrl: string;
  readonly topicPrefix: string;
  readonly clientId: string;
  readonly hostname: string;
}

/** The live NIO provider's configuration: present only when a NIO client is configured. */
export interface NioConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authUrl: string;
  readonly apiUrl: string;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly pollRequests: number;
}

/** The validated, frozen configuration every part of Carport reads. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Origin (and path prefix) clients use, without a trailing slash. */
  readonly publicUrl: string;
  /** Base of error bodies' `docURL` (the anchor is appended), without a trailing slash. */
  readonly errorDocsUrl: string;
  /** Origin (and path prefix) of the Connect pages, without a trailing slash; PUBLIC_URL unless set. */
  readonly connectUrl: string;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL connect and statement timeouts: a partition answers 503 in bounded time. */
  readonly databaseConnectTimeoutMs: number;
  readonly databaseQueryTimeoutMs: number;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  readonly secretKey: string;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly shutdownTimeoutMs: number;
  /** How long a client may take to send one whole request. */
  readonly requestTimeoutMs: number;
  /** How long a client may take to send a request's headers; less than `requestTimeoutMs`. */
  readonly headersTimeoutMs: number;
  /** How long an idle keep-alive connection waits for the next request. */
  readonly keepAliveTimeoutMs: number;
  /** How long a connection may stay silent in both directions. */
  readonly connectionTimeoutMs: number;
  /** Requests one keep-alive connection may carry; 0: no limit. */
  readonly maxRequestsPerSocket: number;
  /** TTL of the in-process cache of token, grant and vehicle lookups; 0 disables it. */
  readonly readCacheTtlMs: number;
  readonly createDemoApplication: boolean;
  readonly production: boolean;
  /** The simulated fleet (see the `simulator*` entries of settings.ts). */
  readonly simulatorSeed: string;
  readonly simulatorSpeed: number;
  readonly simulatorFleetSize: number;
  readonly simulatorLatencyMs: number;
  /** Makes and modes Connect links through the simulated provider (connected vehicles stay with it regardless). */
  readonly simulatedMakes: readonly string[];
  readonly simulatedModes: readonly VehicleMode[];
  /** The live Tesla provider's settings; undefined when no Tesla client is configured. */
  readonly tesla: TeslaConfig | undefined;
  /** Calls to manufacturers' clouds (see the `upstream*` entries of settings.ts). */
  readonly upstream: UpstreamConfig;
  /** The live NIO provider's settings; undefined when no NIO client is configured. */
  readonly nio: NioConfig | undefined;
  /** Bearer token of the admin API; undefined turns it off. */
  readonly adminToken: string | undefined;
  /** Redis for shared limit counters; undefined keeps them in process. */
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  readonly limitsEnabled: boolean;
  /** `CARPORT_PLANS`, validated; `resolvePlans` applies it to the built-in plans. */
  readonly planOverrides: PlanOverrides;
  /** Webhook delivery settings (see the `webhook*` entries of settings.ts). */
  readonly webhookWorker: boolean;
  readonly webhookPollIntervalMs: number;
  readonly webhookTimeoutMs: number;
  /** Milliseconds before each retry; its length is the number of retries. */
  readonly webhookRetrySchedule: readonly number[];
  readonly webhookRetryJitterPercent: number;
  readonly webhookClaimLeaseMs: number;
  readonly webhookConcurrency: number;
  readonly webhookConnectionsPerOrigin: number;
  readonly webhookIntakeMaxHeldEvents: number;
  readonly webhookAllowAddresses: readonly WebhookAddressClass[];
  /** Development-only defaults in use; printed loudly at start. */
  readonly warnings: readonly string[];
}

/** Raised when one or more settings are invalid; the message names each variable and what it accepts. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Where raw values come from: the environment and, taking precedence, CLI flags (by flag name). */
export interface ConfigSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags?: Readonly<Record<string, string | undefined>>;
}

type Parsed = { [K in keyof typeof settings]: (typeof settings)[K] extends SettingDefinition<infer T> ? T : never };

/**
 * Every setting validated, with the data directory resolved, before anything is read from or
 * written to disk: what start-up needs to take its port before it creates a file.
 */
export type SettingValues = Readonly<Omit<Parsed, 'dataDir'> & { dataDir: string }>;

const SECRET_KEY_FILE = 'secret.key';

/**
 * Validates every setting and returns the frozen configuration; generates the development secret
 * key into the data directory when CARPORT_SECRET_KEY is unset.
 * @throws ConfigError listing every invalid setting (not only the first), so one start shows them all.
 * @example
 * const config = loadConfig({ env: process.env });
 */
export function loadConfig(sources: ConfigSources): Config {
  return resolveConfig(readSettings(sources));
}

/**
 * Validates every setting without touching the disk.
 * @throws ConfigError listing every invalid setting, or naming CARPORT_SECRET_KEY when production lacks it.
 */
export function readSettings(sources: ConfigSources): SettingValues {
  const problems: string[] = [];
  const parsed: Partial<Record<string, unknown>> = {};
  for (const [name, definition] of Object.entries(settings) as [string, SettingDefinition<unknown>][]) {
    const fromFlag = definition.flag === null ? undefined : sources.flags?.[definition.flag];
    const raw = fromFlag ?? sources.env[definition.env];
    const result = definition.parse(raw);
    if (result.ok) parsed[name] = result.value;
    else {
      const origin = fromFlag === undefined ? definition.env : `--${definition.flag ?? ''} (${definition.env})`;
      problems.push(`${origin}=${JSON.stringify(raw)} is invalid: expected ${result.problem}.`);
    }
  }
  const { headersTimeoutMs, requestTimeoutMs } = parsed;
  // Node times a request out once its whole request time is spent, so headers need less of it.
  if (typeof headersTimeoutMs === 'number' && typeof requestTimeoutMs === 'number' && headersTimeoutMs >= requestTimeoutMs) {
    problems.push(`CARPORT_HEADERS_TIMEOUT_MS=${headersTimeoutMs} is invalid: expected less than CARPORT_REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`);
  }
  if ((typeof parsed.teslaClientId === 'string') !== (typeof parsed.teslaClientSecret === 'string')) {
    problems.push('CARPORT_TESLA_CLIENT_ID and CARPORT_TESLA_CLIENT_SECRET are invalid: expected both set (the live Tesla provider) or neither.');
  }
  // Two providers cannot both link live Teslas: the operator says which one does.
  const simulatesLiveTeslas = Array.isArray(parsed.simulatedMakes) && parsed.simulatedMakes.includes('TESLA') && Array.isArray(parsed.simulatedModes) && parsed.simulatedModes.includes('live');
  if (typeof parsed.teslaClientId === 'string' && simulatesLiveTeslas) {
    problems.push('CARPORT_TESLA_CLIENT_ID is set, so the live Tesla provider links live Teslas: leave TESLA out of CARPORT_SIMULATED_MAKES or live out of CARPORT_SIMULATED_MODES.');
  }
  problems.push(...nioProblems(parsed, problems));
  if (problems.length > 0) throw new ConfigError(problems);
  const values = parsed as Parsed;
  if (values.secretKey === undefined && values.production) {
    throw new ConfigError([`CARPORT_SECRET_KEY is unset but NODE_ENV=production: expected ${settings.secretKey.accepts}.`]);
  }
  return Object.freeze({ ...values, dataDir: resolveDataDir(values.dataDir) });
}

function teslaConfig(values: SettingValues): TeslaConfig | undefined {
  if (values.teslaClientId === undefined || values.teslaClientSecret === undefined) return undefined;
  const publicHost = new URL(values.publicUrl ?? `http://localhost:${values.port}`).hostname;
  const fleetApiUrls = { NA: values.teslaFleetApiUrlNa, EU: values.teslaFleetApiUrlEu, CN: values.teslaFleetApiUrlCn };
  return Object.freeze({
    clientId: values.teslaClientId,
    clientSecret: values.teslaClientSecret,
    authUrl: values.teslaAuthUrl,
    region: values.teslaRegion,
    fleetApiUrl: fleetApiUrls[values.teslaRegion],
    timeoutMs: values.teslaTimeoutMs,
    telemetry:
      values.teslaTelemetryMqttUrl === undefined
        ? undefined
        : Object.freeze({ mqttUrl: values.teslaTelemetryMqttUrl, topicPrefix: values.teslaTelemetryTopicPrefix, clientId: values.teslaTelemetryClientId, hostname: values.teslaTelemetryHostname ?? publicHost }),
    commandProxyUrl: values.teslaCommandProxyUrl,
    partnerDomain: values.teslaPartnerDomain ?? publicHost,
  });
}

/** A NIO client needs its secret and both URLs (NIO hands them out together), and the live NIOs to itself. */
function nioProblems(parsed: Partial<Record<string, unknown>>, reported: readonly string[]): string[] {
  if (typeof parsed.nioClientId !== 'string') {
    return typeof parsed.nioClientSecret === 'string' ? ['CARPORT_NIO_CLIENT_SECRET is invalid: expected CARPORT_NIO_CLIENT_ID set with it (the live NIO provider) or neither.'] : [];
  }
  const problems: string[] = [];
  // A setting already reported as invalid is not reported again as missing.
  const missing = (['nioClientSecret', 'nioAuthUrl', 'nioApiUrl'] as const)
    .filter((name) => typeof parsed[name] !== 'string')
    .map((name) => settings[name].env)
    .filter((env) => !reported.some((problem) => problem.startsWith(`${env}=`)));
  if (missing.length > 0) problems.push(`CARPORT_NIO_CLIENT_ID is set, so ${missing.join(', ')} must be set too (NIO hands them to partners with the client id).`);
  const simulatesLiveNios = Array.isArray(parsed.simulatedMakes) && parsed.simulatedMakes.includes('NIO') && Array.isArray(parsed.simulatedModes) && parsed.simulatedModes.includes('live');
  if (simulatesLiveNios) problems.push('CARPORT_NIO_CLIENT_ID is set, so the live NIO provider links live NIOs: leave NIO out of CARPORT_SIMULATED_MAKES or live out of CARPORT_SIMULATED_MODES.');
  return problems;
}

function nioConfig(values: SettingValues): NioConfig | undefined {
  const { nioClientId: clientId, nioClientSecret: clientSecret, nioAuthUrl: authUrl, nioApiUrl: apiUrl } = values;
  if (clientId === undefined || clientSecret === undefined || authUrl === undefined || apiUrl === undefined) return undefined;
  return Object.freeze({ clientId, clientSecret, authUrl, apiUrl, timeoutMs: values.nioTimeoutMs, pollIntervalMs: values.nioPollIntervalMs, pollRequests: values.nioPollRequests });
}

/** The configuration from validated settings; the development secret key is read or generated here. */
export function resolveConfig(values: SettingValues): Config {
  const dataDir = values.dataDir;
  const warnings: string[] = [];
  let secretKey = values.secretKey;
  if (secretKey === undefined) {
    secretKey = developmentSecretKey(dataDir);
    warnings.push(
      `CARPORT_SECRET_KEY is unset: using a development key generated into ${join(dataDir, SECRET_KEY_FILE)}. ` +
        'Set CARPORT_SECRET_KEY (the same value on every process) before real use.',
    );
  }
  return Object.freeze({
    port: values.port,
    host: values.host,
    publicUrl: values.publicUrl ?? `http://localhost:${values.port}`,
    connectUrl: values.connectUrl ?? values.publicUrl ?? `http://localhost:${values.port}`,
    errorDocsUrl: values.errorDocsUrl ?? `${values.publicUrl ?? `http://localhost:${values.port}`}/docs/errors`,
    databaseUrl: values.databaseUrl,
    databaseConnectTimeoutMs: values.databaseConnectTimeoutMs,
    databaseQueryTimeoutMs: values.databaseQueryTimeoutMs,
    dataDir,
    secretKey,
    logLevel: values.logLevel,
    logFormat: values.logFormat,
    shutdownTimeoutMs: values.shutdownTimeoutMs,
    requestTimeoutMs: values.requestTimeoutMs,
    headersTimeoutMs: values.headersTimeoutMs,
    keepAliveTimeoutMs: values.keepAliveTimeoutMs,
    connectionTimeoutMs: values.connectionTimeoutMs,
    maxRequestsPerSocket: values.maxRequestsPerSocket,
    readCacheTtlMs: values.readCacheTtlMs,
    // A production install never gets (or prints) credentials nobody asked for.
    createDemoApplication: values.createDemoApplication && !values.production,
    production: values.production,
    simulatorSeed: values.simulatorSeed,
    simulatorSpeed: values.simulatorSpeed,
    simulatorFleetSize: values.simulatorFleetSize,
    simulatorLatencyMs: values.simulatorLatencyMs,
    simulatedMakes: Object.freeze([...values.simulatedMakes]),
    simulatedModes: Object.freeze([...values.simulatedModes]),
    tesla: teslaConfig(values),
    upstream: {
      retries: values.upstreamRetries,
      retryDelayMs: values.upstreamRetryDelayMs,
      breakerFailures: values.upstreamBreakerFailures,
      breakerCoolDownMs: values.upstreamBreakerCoolDownMs,
      wakeTimeoutMs: values.upstreamWakeTimeoutMs,
      wakePollMs: values.upstreamWakePollMs,
    },
    nio: nioConfig(values),
    adminToken: values.adminToken,
    redisUrl: values.redisUrl,
    redisKeyPrefix: values.redisKeyPrefix,
    limitsEnabled: values.limitsEnabled,
    planOverrides: values.planOverrides,
    webhookWorker: values.webhookWorker,
    webhookPollIntervalMs: values.webhookPollIntervalMs,
    webhookTimeoutMs: values.webhookTimeoutMs,
    webhookRetrySchedule: Object.freeze([...values.webhookRetrySchedule]),
    webhookRetryJitterPercent: values.webhookRetryJitterPercent,
    webhookClaimLeaseMs: values.webhookClaimLeaseMs,
    webhookConcurrency: values.webhookConcurrency,
    webhookConnectionsPerOrigin: values.webhookConnectionsPerOrigin,
    webhookIntakeMaxHeldEvents: values.webhookIntakeMaxHeldEvents,
    webhookAllowAddresses: Object.freeze([...values.webhookAllowAddresses]),
    warnings: Object.freeze(warnings),
  });
}

/** Reads the generated development key, creating it on first use so restarts can still decrypt. */
function developmentSecretKey(dataDir: string): string {
  const path = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(48).toString('base64url');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
