/** @module The definition of every Carport setting: one table read by the loader, the CLI and the docs. */

import { makeCatalog } from '../catalog/makes.js';
import { parsePlanOverrides, planOverridesAccepts, type PlanOverrides } from '../catalog/plans.js';
import { vehicleModes } from '../catalog/vehicle-modes.js';
import {
  addressClasses, booleanFlag, decimalIn, delayListForms, durationList, httpUrlOr, integerIn, oneOf, teslaRegions, logFormat, logFormats, logLevel, logLevels, namesOf, nonEmptyText, ok,
  optionalAdminToken, optionalDatabaseUrl, optionalHttpUrl, optionalMqttUrl, optionalRedisUrl, optionalSecretKey, optionalText, topicPrefix, webhookAddressClasses, type ParseResult,
} from './setting-parsers.js';

/** One setting, readable from an environment variable and (where safe) a CLI flag. */
export interface SettingDefinition<T> {
  /** Environment variable, e.g. `PORT`. */
  readonly env: string;
  /** Long CLI flag without dashes, or null where a flag would leak a secret into `ps` output. */
  readonly flag: string | null;
  /** What the setting does, for the configuration reference. */
  readonly description: string;
  /** What values are accepted, also used in the error message when a value is invalid. */
  readonly accepts: string;
  /** The default as documented (computed defaults are described in words). */
  readonly defaultText: string;
  /** Parses a raw value; `undefined` means unset, and the definition decides its default. */
  readonly parse: (raw: string | undefined) => ParseResult<T>;
}

/** Every setting, in the order the configuration reference lists them. */
export const settings = {
  port: {
    env: 'PORT',
    flag: 'port',
    description: 'TCP port the HTTP server listens on.',
    accepts: 'an integer from 0 to 65535 (0 picks a free port)',
    defaultText: '`8080`',
    parse: integerIn(0, 65_535, 8080),
  },
  host: {
    env: 'HOST',
    flag: 'host',
    description: 'Address the HTTP server binds to.',
    accepts: 'a host name or IP address',
    defaultText: '`0.0.0.0` (every interface)',
    parse: nonEmptyText('0.0.0.0'),
  },
  publicUrl: {
    env: 'PUBLIC_URL',
    flag: 'public-url',
    description:
      'Origin (and optional path prefix) clients use to reach Carport; used in Connect URLs, redirects and (unless `CARPORT_ERROR_DOCS_URL` is set) `docURL` links.',
    accepts: 'an http:// or https:// URL without query or fragment',
    defaultText: '`http://localhost:<PORT>`',
    parse: optionalHttpUrl,
  },
  connectUrl: {
    env: 'CONNECT_URL',
    flag: 'connect-url',
    description:
      'Origin (and optional path prefix) of the Connect pages when they are published on their own host (e.g. behind a `connect.` name); used in printed Connect URLs. Every Carport origin serves `/oauth/authorize` as well.',
    accepts: 'an http:// or https:// URL without query or fragment',
    defaultText: 'the value of `PUBLIC_URL`',
    parse: optionalHttpUrl,
  },
  errorDocsUrl: {
    env: 'CARPORT_ERROR_DOCS_URL',
    flag: 'error-docs-url',
    description:
      'Base of the `docURL` every error body links to; the error\'s anchor is appended (`<base>#vehicle_state-asleep`). Point it at your own copy of the error reference if clients must not reach this server for it.',
    accepts: 'an http:// or https:// URL without query or fragment',
    defaultText: '`<PUBLIC_URL>/docs/errors` (Carport\'s own error reference)',
    parse: optionalHttpUrl,
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    flag: 'database-url',
    description: 'Database to use. Unset: the embedded SQLite file `<CARPORT_DATA_DIR>/carport.sqlite`.',
    accepts: 'a postgres:// or postgresql:// URL, or sqlite::memory: (unset: a SQLite file in CARPORT_DATA_DIR)',
    defaultText: 'unset (embedded SQLite)',
    parse: optionalDatabaseUrl,
  },
  databaseConnectTimeoutMs: {
    env: 'CARPORT_DB_CONNECT_TIMEOUT_MS',
    flag: 'db-connect-timeout-ms',
    description:
      'PostgreSQL only: how long opening a connection may take before the request fails with 503, so a network partition answers in bounded time instead of hanging.',
    accepts: 'an integer from 100 to 120000',
    defaultText: '`5000`',
    parse: integerIn(100, 120_000, 5_000),
  },
  databaseQueryTimeoutMs: {
    env: 'CARPORT_DB_QUERY_TIMEOUT_MS',
    flag: 'db-query-timeout-ms',
    description:
      'PostgreSQL only: the longest one statement may run (server-side `statement_timeout`, and a client-side timeout for a connection that stops answering) before the request fails with 503.',
    accepts: 'an integer from 100 to 600000',
    defaultText: '`15000`',
    parse: integerIn(100, 600_000, 15_000),
  },
  dataDir: {
    env: 'CARPORT_DATA_DIR',
    flag: 'data-dir',
    description:
      'Directory for the embedded SQLite database and the generated development secret key. A relative path is taken from the working directory; unset, the server and every `carport` command use the same directory wherever they are run from.',
    accepts: 'a directory path (created if missing)',
    defaultText: '`data` at the top of the Carport checkout, whichever directory Carport runs from',
    parse: optionalText,
  },
  secretKey: {
    env: 'CARPORT_SECRET_KEY',
    flag: null,
    description:
      'Key that encrypts recoverable secrets at rest (webhook signing material, provider credentials). Every process sharing a database needs the same key. Unset: a key is generated once into `<CARPORT_DATA_DIR>/secret.key` with a loud warning; refused when `NODE_ENV=production`.',
    accepts: 'a random string of at least 32 characters (e.g. `openssl rand -base64 48`)',
    defaultText: 'generated (development only)',
    parse: optionalSecretKey,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    flag: 'log-level',
    description: 'Minimum level of the log written to standard output.',
    accepts: `one of ${logLevels.join(', ')}`,
    defaultText: '`info`',
    parse: logLevel,
  },
  logFormat: {
    env: 'LOG_FORMAT',
    flag: 'log-format',
    description:
      'How log lines look: `json` writes one JSON object per line (for log shippers), `pretty` one readable line per request (method, path, status, duration, application, error), `auto` picks `pretty` when standard output is a terminal.',
    accepts: `one of ${logFormats.join(', ')}`,
    defaultText: '`auto`',
    parse: logFormat,
  },
  shutdownTimeoutMs: {
    env: 'CARPORT_SHUTDOWN_TIMEOUT_MS',
    flag: 'shutdown-timeout-ms',
    description: 'How long SIGTERM waits for in-flight requests and background work before forcing exit.',
    accepts: 'an integer from 0 to 600000',
    defaultText: '`10000`',
    parse: integerIn(0, 600_000, 10_000),
  },
  requestTimeoutMs: {
    env: 'CARPORT_REQUEST_TIMEOUT_MS',
    flag: 'request-timeout-ms',
    description:
      'How long a client may take to send one whole request, headers and body. A request still incomplete then is answered 400 `VALIDATION` and its connection closed, so a client trickling a body cannot hold a connection.',
    accepts: 'an integer from 100 to 600000, greater than CARPORT_HEADERS_TIMEOUT_MS',
    defaultText: '`30000`',
    parse: integerIn(100, 600_000, 30_000),
  },
  headersTimeoutMs: {
    env: 'CARPORT_HEADERS_TIMEOUT_MS',
    flag: 'headers-timeout-ms',
    description:
      'How long a client may take to send a request\'s headers, counted from its first byte (or from the moment it connected). Incomplete headers are then answered 400 `VALIDATION`; a connection that sent nothing at all is closed without an answer.',
    accepts: 'an integer from 100 to 600000, less than CARPORT_REQUEST_TIMEOUT_MS',
    defaultText: '`10000`',
    parse: integerIn(100, 600_000, 10_000),
  },
  keepAliveTimeoutMs: {
    env: 'CARPORT_KEEP_ALIVE_TIMEOUT_MS',
    flag: 'keep-alive-timeout-ms',
    description:
      'How long an idle keep-alive connection stays open for the client\'s next request. Keep it above the idle timeout of a load balancer in front of Carport (often 60 s), so the balancer never reuses a connection Carport just closed.',
    accepts: 'an integer from 100 to 600000',
    defaultText: '`72000`',
    parse: integerIn(100, 600_000, 72_000),
  },
  connectionTimeoutMs: {
    env: 'CARPORT_CONNECTION_TIMEOUT_MS',
    flag: 'connection-timeout-ms',
    description:
      'How long a connection may pass without any data sent or received, for example a client that stops reading its answer, before it is closed. Keep it above the longest request Carport may work on (a command to a sleeping vehicle takes ten times CARPORT_SIM_LATENCY_MS).',
    accepts: 'an integer from 1000 to 3600000',
    defaultText: '`120000`',
    parse: integerIn(1_000, 3_600_000, 120_000),
  },
  maxRequestsPerSocket: {
    env: 'CARPORT_MAX_REQUESTS_PER_SOCKET',
    flag: 'max-requests-per-socket',
    description:
      'Requests one keep-alive connection may carry before Carport asks the client to reconnect (`Connection: close`), which spreads long-lived connections over every process behind a balancer. 0: no limit.',
    accepts: 'an integer from 0 to 1000000',
    defaultText: '`0` (no limit)',
    parse: integerIn(0, 1_000_000, 0),
  },
  readCacheTtlMs: {
    env: 'CARPORT_READ_CACHE_TTL_MS',
    flag: 'read-cache-ttl-ms',
    description:
      'How long each process caches the lookups every Vehicle API request makes (access token, grant, vehicle, and the application behind a Battery Capacity link) and those every vehicle event makes (the vehicle, and which webhooks its events go to). Changes made through the same process apply at once; a revocation, unsubscription or webhook change made through another process applies within this time. 0 disables the cache.',
    accepts: 'an integer from 0 to 60000',
    defaultText: '`1000`',
    parse: integerIn(0, 60_000, 1000),
  },
  createDemoApplication: {
    env: 'CARPORT_DEMO_APP',
    flag: 'demo-app',
    description:
      'Create a demo application (and print its credentials, once) when the database has no application yet; later starts print its Connect URL and keep its redirect URI on the current origin. Never with `NODE_ENV=production`.',
    accepts: 'true or false',
    defaultText: '`true`',
    parse: booleanFlag(true),
  },
  production: {
    env: 'NODE_ENV',
    flag: null,
    description: '`production` refuses development-only defaults (a generated secret key) instead of warning.',
    accepts: 'any value; only `production` changes behaviour',
    defaultText: 'unset',
    parse: (raw: string | undefined): ParseResult<boolean> => ok(raw === 'production'),
  },
  simulatorSeed: {
    env: 'CARPORT_SIM_SEED',
    flag: 'sim-seed',
    description:
      'Seed of the simulated fleet: the same seed gives the same vehicles, trips, charging and events on every process and every restart.',
    accepts: 'any text',
    defaultText: '`carport`',
    parse: nonEmptyText('carport'),
  },
  simulatorSpeed: {
    env: 'CARPORT_SIM_SPEED',
    flag: 'sim-speed',
    description:
      'Time acceleration of the simulated fleet: simulated seconds per real second (60 runs a simulated hour per real minute). Every process sharing a database must use the same value.',
    accepts: 'a number from 0.001 to 100000',
    defaultText: '`1` (real time)',
    parse: decimalIn(0.001, 100_000, 1),
  },
  simulatorFleetSize: {
    env: 'CARPORT_SIM_FLEET_SIZE',
    flag: 'sim-fleet-size',
    description:
      'Vehicles in the embedded live-mode fleet, spread over every make. They belong to demo owners `<make>.owner<n>@demo.carport.example` (password `carport-demo`, three vehicles each); `carport fleet accounts` lists them.',
    accepts: 'an integer from 0 to 100000',
    defaultText: '`132` (three per make)',
    parse: integerIn(0, 100_000, 132),
  },
  simulatorLatencyMs: {
    env: 'CARPORT_SIM_LATENCY_MS',
    flag: 'sim-latency-ms',
    description: 'Real time a simulated vehicle takes to carry out a command; waking a sleeping vehicle first takes ten times as long.',
    accepts: 'an integer from 0 to 60000',
    defaultText: '`50`',
    parse: integerIn(0, 60_000, 50),
  },
  simulatedMakes: {
    env: 'CARPORT_SIMULATED_MAKES',
    flag: 'simulated-makes',
    description:
      'Makes Connect links through the simulated provider. Leave a make out when a real manufacturer provider serves it; vehicles already connected through the simulator stay served by it.',
    accepts: 'all, none, or a comma-separated list of make ids (e.g. TESLA,NISSAN)',
    defaultText: '`all`',
    parse: namesOf(
      makeCatalog.map((make) => make.id),
      'make ids (e.g. TESLA,NISSAN)',
    ),
  },
  simulatedModes: {
    env: 'CARPORT_SIMULATED_MODES',
    flag: 'simulated-modes',
    description:
      'Modes Connect links through the simulated provider. Leave `live` out when real manufacturer providers serve live mode; vehicles already connected through the simulator stay served by it.',
    accepts: `all, none, or a comma-separated list of ${vehicleModes.join(', ')}`,
    defaultText: '`all`',
    parse: namesOf(vehicleModes, vehicleModes.join(', ')),
  },
  teslaClientId: {
    env: 'CARPORT_TESLA_CLIENT_ID',
    flag: 'tesla-client-id',
    description:
      'Client id of your Tesla Fleet API application. Set (with `CARPORT_TESLA_CLIENT_SECRET`), live Teslas link through Tesla\'s own login and are read and commanded through the Fleet API; unset, the simulated provider keeps serving them. Leave `TESLA` out of `CARPORT_SIMULATED_MAKES` (or `live` out of `CARPORT_SIMULATED_MODES`) so the real provider takes live Teslas. See the README, "Connecting real vehicles".',
    accepts: 'the client id Tesla issued',
    defaultText: 'unset (no live Tesla provider)',
    parse: optionalText,
  },
  teslaClientSecret: {
    env: 'CARPORT_TESLA_CLIENT_SECRET',
    flag: null,
    description: 'Client secret of your Tesla Fleet API application, sent to Tesla\'s token endpoint with each authorization code.',
    accepts: 'the client secret Tesla issued',
    defaultText: 'unset',
    parse: optionalText,
  },
  teslaAuthUrl: {
    env: 'CARPORT_TESLA_AUTH_URL',
    flag: 'tesla-auth-url',
    description: "Base URL of Tesla's OAuth 2.0 server: owners sign in at `<base>/oauth2/v3/authorize`, tokens come from `<base>/oauth2/v3/token`. Point it at `carport emulate tesla` to try the live path locally.",
    accepts: 'an http:// or https:// URL',
    defaultText: '`https://auth.tesla.com`',
    parse: httpUrlOr('https://auth.tesla.com'),
  },
  teslaRegion: {
    env: 'CARPORT_TESLA_REGION',
    flag: 'tesla-region',
    description: 'The Fleet API region your Tesla accounts are in; it picks which `CARPORT_TESLA_FLEET_API_URL_*` is used.',
    accepts: teslaRegions.join(', '),
    defaultText: '`NA`',
    parse: oneOf(teslaRegions, 'NA'),
  },
  teslaFleetApiUrlNa: {
    env: 'CARPORT_TESLA_FLEET_API_URL_NA',
    flag: 'tesla-fleet-api-url-na',
    description: 'Fleet API base URL for North America and Asia-Pacific (except China).',
    accepts: 'an http:// or https:// URL',
    defaultText: '`https://fleet-api.prd.na.vn.cloud.tesla.com`',
    parse: httpUrlOr('https://fleet-api.prd.na.vn.cloud.tesla.com'),
  },
  teslaFleetApiUrlEu: {
    env: 'CARPORT_TESLA_FLEET_API_URL_EU',
    flag: 'tesla-fleet-api-url-eu',
    description: 'Fleet API base URL for Europe, the Middle East and Africa.',
    accepts: 'an http:// or https:// URL',
    defaultText: '`https://fleet-api.prd.eu.vn.cloud.tesla.com`',
    parse: httpUrlOr('https://fleet-api.prd.eu.vn.cloud.tesla.com'),
  },
  teslaFleetApiUrlCn: {
    env: 'CARPORT_TESLA_FLEET_API_URL_CN',
    flag: 'tesla-fleet-api-url-cn',
    description: 'Fleet API base URL for China.',
    accepts: 'an http:// or https:// URL',
    defaultText: '`https://fleet-api.prd.cn.vn.cloud.tesla.cn`',
    parse: httpUrlOr('https://fleet-api.prd.cn.vn.cloud.tesla.cn'),
  },
  teslaTimeoutMs: {
    env: 'CARPORT_TESLA_TIMEOUT_MS',
    flag: 'tesla-timeout-ms',
    description: 'How long one request to Tesla (Fleet API or token endpoint) may take before it counts as no answer (`UPSTREAM:NO_RESPONSE`).',
    accepts: 'an integer from 100 to 120000',
    defaultText: '`10000`',
    parse: integerIn(100, 120_000, 10_000),
  },
  upstreamRetries: {
    env: 'CARPORT_UPSTREAM_RETRIES',
    flag: 'upstream-retries',
    description:
      "How many times a read from a manufacturer's cloud (Tesla's Fleet API, NIO's Vehicle API) is tried again after a server error, a timeout or a refused connection, with jittered exponential backoff. Commands are tried again only after a refused connection (the manufacturer never received them). See docs/providers.md, \"Calling the manufacturer\".",
    accepts: 'an integer from 0 to 5',
    defaultText: '`2`',
    parse: integerIn(0, 5, 2),
  },
  upstreamRetryDelayMs: {
    env: 'CARPORT_UPSTREAM_RETRY_DELAY_MS',
    flag: 'upstream-retry-delay-ms',
    description: 'Mean delay before the first retry of a manufacturer call; each later retry doubles it (at most 16 times it), with decorrelated jitter.',
    accepts: 'an integer from 1 to 60000',
    defaultText: '`250`',
    parse: integerIn(1, 60_000, 250),
  },
  upstreamBreakerFailures: {
    env: 'CARPORT_UPSTREAM_BREAKER_FAILURES',
    flag: 'upstream-breaker-failures',
    description:
      "Consecutive failed calls (server error, timeout, refused connection) to one manufacturer endpoint after which its circuit breaker opens: Carport answers `UPSTREAM:NO_RESPONSE` at once, with `Retry-After`, without calling the manufacturer, until the cool-down ends. The breaker's state is kept per process.",
    accepts: 'an integer from 1 to 1000',
    defaultText: '`5`',
    parse: integerIn(1, 1_000, 5),
  },
  upstreamBreakerCoolDownMs: {
    env: 'CARPORT_UPSTREAM_BREAKER_COOL_DOWN_MS',
    flag: 'upstream-breaker-cool-down-ms',
    description: 'How long an open circuit breaker refuses calls before it lets one trial call through; the trial\'s success closes it, its failure opens it again.',
    accepts: 'an integer from 100 to 3600000',
    defaultText: '`30000`',
    parse: integerIn(100, 3_600_000, 30_000),
  },
  upstreamWakeTimeoutMs: {
    env: 'CARPORT_UPSTREAM_WAKE_TIMEOUT_MS',
    flag: 'upstream-wake-timeout-ms',
    description:
      'How long Carport waits for a sleeping vehicle to come online after waking it (done only for a read whose `Carport-Max-Age` the last known data is older than, within the wake budget) before answering `VEHICLE_STATE:ASLEEP`.',
    accepts: 'an integer from 100 to 120000',
    defaultText: '`30000`',
    parse: integerIn(100, 120_000, 30_000),
  },
  upstreamWakePollMs: {
    env: 'CARPORT_UPSTREAM_WAKE_POLL_MS',
    flag: 'upstream-wake-poll-ms',
    description: "How often a waking vehicle's state is asked while Carport waits for it to come online.",
    accepts: 'an integer from 10 to 60000',
    defaultText: '`2000`',
    parse: integerIn(10, 60_000, 2_000),
  },
  nioClientId: {
    env: 'CARPORT_NIO_CLIENT_ID',
    flag: 'nio-client-id',
    description:
      'Client id of your NIO Vehicle API application. Set (with `CARPORT_NIO_CLIENT_SECRET`, `CARPORT_NIO_AUTH_URL` and `CARPORT_NIO_API_URL`), live NIOs link through NIO\'s own login, where the owner shares the data packages the application asks for, and are read, charged and watched for events through the NIO Vehicle API; unset, the simulated provider keeps serving them. Leave `NIO` out of `CARPORT_SIMULATED_MAKES` (or `live` out of `CARPORT_SIMULATED_MODES`) so the real provider takes live NIOs. See the README, "Connecting real vehicles".',
    accepts: 'the client id NIO issued',
    defaultText: 'unset (no live NIO provider)',
    parse: optionalText,
  },
  nioClientSecret: {
    env: 'CARPORT_NIO_CLIENT_SECRET',
    flag: null,
    description: "Client secret of your NIO Vehicle API application, sent to NIO's token endpoint with each authorization code and refresh.",
    accepts: 'the client secret NIO issued',
    defaultText: 'unset',
    parse: optionalText,
  },
  nioAuthUrl: {
    env: 'CARPORT_NIO_AUTH_URL',
    flag: 'nio-auth-url',
    description:
      "Base URL of NIO's OAuth 2.0 server: owners sign in at `<base>/oauth2/authorize`, tokens come from `<base>/oauth2/token`. NIO hands it to partners with their client; point it at `carport emulate nio` to try the live path locally.",
    accepts: 'an http:// or https:// URL',
    defaultText: 'unset (required with `CARPORT_NIO_CLIENT_ID`)',
    parse: optionalHttpUrl,
  },
  nioApiUrl: {
    env: 'CARPORT_NIO_API_URL',
    flag: 'nio-api-url',
    description: 'Base URL of the NIO Vehicle API (`<base>/api/v1/vehicles`), as NIO hands it to partners with their client.',
    accepts: 'an http:// or https:// URL',
    defaultText: 'unset (required with `CARPORT_NIO_CLIENT_ID`)',
    parse: optionalHttpUrl,
  },
  nioTimeoutMs: {
    env: 'CARPORT_NIO_TIMEOUT_MS',
    flag: 'nio-timeout-ms',
    description: 'How long one request to NIO (vehicle API or token endpoint) may take before it counts as no answer (`UPSTREAM:NO_RESPONSE`).',
    accepts: 'an integer from 100 to 120000',
    defaultText: '`10000`',
    parse: integerIn(100, 120_000, 10_000),
  },
  nioPollIntervalMs: {
    env: 'CARPORT_NIO_POLL_INTERVAL_MS',
    flag: 'nio-poll-interval-ms',
    description:
      "How often each NIO vehicle this process serves has its change feed polled for events (charging started, stopped, completed), which event-based webhooks deliver. Each poll of a vehicle spends at most `CARPORT_NIO_POLL_REQUESTS` requests, charged to the vehicle's daily data budget (see docs/providers.md, \"NIO\").",
    accepts: 'an integer from 50 to 3600000',
    defaultText: '`30000`',
    parse: integerIn(50, 3_600_000, 30_000),
  },
  nioPollRequests: {
    env: 'CARPORT_NIO_POLL_REQUESTS',
    flag: 'nio-poll-requests',
    description: 'Most change-feed pages one poll of one NIO vehicle may request; what is left is read at the next poll.',
    accepts: 'an integer from 1 to 20',
    defaultText: '`3`',
    parse: integerIn(1, 20, 3),
  },
  teslaTelemetryMqttUrl: {
    env: 'CARPORT_TESLA_TELEMETRY_MQTT_URL',
    flag: 'tesla-telemetry-mqtt-url',
    description:
      "MQTT broker that Tesla's fleet-telemetry server dispatches vehicle records to. Set, Carport configures streaming for each connected Tesla, subscribes (QoS 1, persistent session) and serves reads and events from the stream; unset, reads call the Fleet API and no charging events are raised for live Teslas. See docs/providers.md, \"Streaming\".",
    accepts: 'an mqtt:// or mqtts:// URL',
    defaultText: 'unset (no streaming)',
    parse: optionalMqttUrl,
  },
  teslaTelemetryTopicPrefix: {
    env: 'CARPORT_TESLA_TELEMETRY_TOPIC_PREFIX',
    flag: 'tesla-telemetry-topic-prefix',
    description: "The fleet-telemetry MQTT dispatcher's topic base: records arrive at `<prefix>/<vin>/v/<field>`.",
    accepts: 'a topic prefix without wildcards',
    defaultText: '`telemetry`',
    parse: topicPrefix,
  },
  teslaTelemetryClientId: {
    env: 'CARPORT_TESLA_TELEMETRY_CLIENT_ID',
    flag: 'tesla-telemetry-client-id',
    description:
      'MQTT client id of the telemetry subscriber. The broker keeps its session (and the records published while Carport is down) under this id, so it must stay the same across restarts and differ between processes that subscribe.',
    accepts: 'a client id',
    defaultText: '`carport-tesla-telemetry`',
    parse: nonEmptyText('carport-tesla-telemetry'),
  },
  teslaTelemetryHostname: {
    env: 'CARPORT_TESLA_TELEMETRY_HOSTNAME',
    flag: 'tesla-telemetry-hostname',
    description: 'Host name of your fleet-telemetry server, written into each vehicle\'s `fleet_telemetry_config` (vehicles stream to it).',
    accepts: 'a host name',
    defaultText: "the host of `CARPORT_PUBLIC_URL`",
    parse: optionalText,
  },
  teslaCommandProxyUrl: {
    env: 'CARPORT_TESLA_COMMAND_PROXY_URL',
    flag: 'tesla-command-proxy-url',
    description:
      "Base URL of Tesla's vehicle-command HTTP proxy, which signs commands with Carport's partner key. Commands to vehicles that require signed commands go through it instead of the Fleet API's REST commands; unset, such vehicles answer `VIRTUAL_KEY_REQUIRED`.",
    accepts: 'an http:// or https:// URL',
    defaultText: 'unset',
    parse: optionalHttpUrl,
  },
  teslaPartnerDomain: {
    env: 'CARPORT_TESLA_PARTNER_DOMAIN',
    flag: 'tesla-partner-domain',
    description:
      'The domain registered with Tesla as your partner account; owners pair Carport\'s virtual key at `https://tesla.com/_ak/<domain>`, and Tesla fetches the public key from `https://<domain>/.well-known/appspecific/com.tesla.3p.public-key.pem`.',
    accepts: 'a domain name',
    defaultText: 'the host of `CARPORT_PUBLIC_URL`',
    parse: optionalText,
  },
  adminToken: {
    env: 'CARPORT_ADMIN_TOKEN',
    flag: null,
    description:
      'Bearer token of the operator API under `/admin` (the simulated fleet\'s control surface). Unset: the admin API is off and answers 404.',
    accepts: 'a random string of at least 16 characters (unset: the admin API is off)',
    defaultText: 'unset (admin API off)',
    parse: optionalAdminToken,
  },
  redisUrl: {
    env: 'REDIS_URL',
    flag: 'redis-url',
    description:
      'Redis that holds the rate-limit and plan counters, shared by every Carport process. Unset: counters live in each process, which is exact only while one process serves the API. See docs/limits.md.',
    accepts: 'a redis:// or rediss:// URL',
    defaultText: 'unset (in-process counters)',
    parse: optionalRedisUrl,
  },
  redisKeyPrefix: {
    env: 'CARPORT_REDIS_KEY_PREFIX',
    flag: 'redis-key-prefix',
    description: 'Put before every Redis key Carport writes, so several deployments can share one Redis.',
    accepts: 'any text',
    defaultText: '`carport:`',
    parse: nonEmptyText('carport:'),
  },
  limitsEnabled: {
    env: 'CARPORT_LIMITS_ENABLED',
    flag: 'limits-enabled',
    description:
      'Enforce request rates, monthly requests per vehicle and connected-vehicle limits of each application\'s plan. Suspended applications, and requests needing a feature the plan lacks, are refused either way.',
    accepts: 'true or false',
    defaultText: '`true`',
    parse: booleanFlag(true),
  },
  planOverrides: {
    env: 'CARPORT_PLANS',
    flag: 'plans',
    description:
      'Changes to the built-in plans (free, build, scale, enterprise, development) or additional plans, field by field: limits and the features a plan includes (every built-in plan includes them all). An application\'s plan is its `plan` field. See docs/limits.md.',
    accepts: planOverridesAccepts,
    defaultText: 'unset (the built-in plans)',
    parse: (raw: string | undefined): ParseResult<PlanOverrides> => parsePlanOverrides(raw),
  },
  webhookWorker: {
    env: 'CARPORT_WEBHOOK_WORKER',
    flag: 'webhook-worker',
    description:
      'Run the webhook delivery worker and scheduler in this process. Turn it off on processes that should only answer API requests; at least one process sharing the database must run it.',
    accepts: 'true or false',
    defaultText: '`true`',
    parse: booleanFlag(true),
  },
  webhookPollIntervalMs: {
    env: 'CARPORT_WEBHOOK_POLL_INTERVAL_MS',
    flag: 'webhook-poll-interval-ms',
    description:
      'How often an idle webhook worker looks for due deliveries (events from this process wake it at once) and the scheduler checks for due scheduled webhooks.',
    accepts: 'an integer from 10 to 60000',
    defaultText: '`1000`',
    parse: integerIn(10, 60_000, 1_000),
  },
  webhookTimeoutMs: {
    env: 'CARPORT_WEBHOOK_TIMEOUT_MS',
    flag: 'webhook-timeout-ms',
    description: 'How long a webhook callback (delivery or verification) may take to answer before the attempt counts as failed.',
    accepts: 'an integer from 100 to 120000',
    defaultText: '`15000`',
    parse: integerIn(100, 120_000, 15_000),
  },
  webhookRetrySchedule: {
    env: 'CARPORT_WEBHOOK_RETRY_SCHEDULE',
    flag: 'webhook-retry-schedule',
    description:
      'Delays before each retry of a failed delivery (exponential by default); after the last one the delivery is dead-lettered and can be replayed.',
    accepts: delayListForms,
    defaultText: '`25s,50s,100s`',
    parse: durationList([25_000, 50_000, 100_000]),
  },
  webhookRetryJitterPercent: {
    env: 'CARPORT_WEBHOOK_RETRY_JITTER_PERCENT',
    flag: 'webhook-retry-jitter-percent',
    description: 'Random extra delay added to each retry, as a percentage of its scheduled delay, so failed deliveries do not retry in lockstep.',
    accepts: 'an integer from 0 to 100',
    defaultText: '`20`',
    parse: integerIn(0, 100, 20),
  },
  webhookClaimLeaseMs: {
    env: 'CARPORT_WEBHOOK_CLAIM_LEASE_MS',
    flag: 'webhook-claim-lease-ms',
    description:
      'How long a worker holds a claimed delivery; a delivery whose worker died is retried after it expires. Always at least the webhook timeout plus one second.',
    accepts: 'an integer from 1000 to 3600000',
    defaultText: '`60000`',
    parse: integerIn(1_000, 3_600_000, 60_000),
  },
  webhookConcurrency: {
    env: 'CARPORT_WEBHOOK_CONCURRENCY',
    flag: 'webhook-concurrency',
    description:
      'How many deliveries one worker handles at the same time, from its claim until its outcome is recorded. The worker claims due deliveries in batches as slots free up, and records outcomes in batches, one transaction each.',
    accepts: 'an integer from 1 to 1024',
    defaultText: '`64`',
    parse: integerIn(1, 1_024, 64),
  },
  webhookConnectionsPerOrigin: {
    env: 'CARPORT_WEBHOOK_CONNECTIONS_PER_ORIGIN',
    flag: 'webhook-connections-per-origin',
    description:
      'How many keep-alive connections the delivery worker opens to one callback origin (scheme, host and port) at most; further deliveries to it wait for a free connection. Idle connections close after 4 s, or sooner when the receiver asks.',
    accepts: 'an integer from 1 to 256',
    defaultText: '`16`',
    parse: integerIn(1, 256, 16),
  },
  webhookIntakeMaxHeldEvents: {
    env: 'CARPORT_WEBHOOK_INTAKE_MAX_HELD_EVENTS',
    flag: 'webhook-intake-max-held-events',
    description:
      'How many vehicle events one process holds in memory while the database is unavailable, to record them in order once it answers again. Beyond it the oldest are dropped; when the database is back, providers are asked to report the events since the outage began again, so dropped events still reach webhooks (once each).',
    accepts: 'an integer from 1 to 10000000',
    defaultText: '`100000`',
    parse: integerIn(1, 10_000_000, 100_000),
  },
  webhookAllowAddresses: {
    env: 'CARPORT_WEBHOOK_ALLOW_ADDRESSES',
    flag: 'webhook-allow-addresses',
    description:
      'Address ranges webhook callback URLs may point at. By default loopback, private and link-local addresses are refused, so a callback URL cannot reach services inside your network.',
    accepts: `none, or a comma-separated list of ${webhookAddressClasses.join(', ')}`,
    defaultText: '`none`',
    parse: addressClasses,
  },
} as const satisfies Record<string, SettingDefinition<unknown>>;

export type Settings = typeof settings;
export type SettingName = keyof Settings;
