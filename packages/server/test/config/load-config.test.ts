import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../src/config/data-dir.js';
import { ConfigError, loadConfig, readSettings, resolveConfig } from '../../src/config/load-config.js';

const key = 'k'.repeat(40);

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ env: { CARPORT_SECRET_KEY: key } });
    // The foundation's settings; each capability's own settings are checked in that capability's tests.
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      connectUrl: 'http://localhost:8080',
      databaseUrl: undefined,
      dataDir: join(process.cwd(), 'data'),
      secretKey: key,
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      createDemoApplication: true,
      production: false,
      warnings: [],
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('never creates a demo application in production, whatever CARPORT_DEMO_APP says', () => {
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, NODE_ENV: 'production' } }).createDemoApplication).toBe(false);
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, NODE_ENV: 'production', CARPORT_DEMO_APP: 'true' } }).createDemoApplication).toBe(false);
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_DEMO_APP: 'true' } }).createDemoApplication).toBe(true);
  });

  it('reads every variable and lets flags take precedence', () => {
    const config = loadConfig({
      env: { PORT: '9000', PUBLIC_URL: 'https://cars.example.com/api/', DATABASE_URL: 'postgres://u@h/db', LOG_LEVEL: 'DEBUG', CARPORT_SECRET_KEY: key, CARPORT_DATA_DIR: '/tmp/x' },
      flags: { port: '9100' },
    });
    expect(config.port).toBe(9100);
    expect(config.publicUrl).toBe('https://cars.example.com/api');
    expect(config.connectUrl).toBe('https://cars.example.com/api');
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, CONNECT_URL: 'https://connect.example.com' } }).connectUrl).toBe('https://connect.example.com');
    expect(config.databaseUrl).toBe('postgres://u@h/db');
    expect(config.logLevel).toBe('debug');
    expect(config.dataDir).toBe('/tmp/x');
  });

  it('links error bodies to Carport’s own error reference unless CARPORT_ERROR_DOCS_URL names another', () => {
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key } }).errorDocsUrl).toBe('http://localhost:8080/docs/errors');
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, PUBLIC_URL: 'https://cars.example.com/api/' } }).errorDocsUrl).toBe('https://cars.example.com/api/docs/errors');
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_ERROR_DOCS_URL: 'https://docs.example.com/carport/errors/' } }).errorDocsUrl).toBe('https://docs.example.com/carport/errors');
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key }, flags: { 'error-docs-url': 'https://flag.example.com/errors' } }).errorDocsUrl).toBe('https://flag.example.com/errors');
    for (const raw of ['ftp://docs.example.com', 'https://docs.example.com/errors#top', 'not a url']) {
      expect(() => loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_ERROR_DOCS_URL: raw } })).toThrow(
        new ConfigError([`CARPORT_ERROR_DOCS_URL=${JSON.stringify(raw)} is invalid: expected ${raw.includes('#') ? 'an http:// or https:// URL without query or fragment' : 'an http:// or https:// URL'}.`]),
      );
    }
  });

  it('reports every invalid setting at once, naming the variable and what it accepts', () => {
    let caught: unknown;
    try {
      loadConfig({ env: { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', CARPORT_SECRET_KEY: 'short' }, flags: { 'public-url': 'ftp://x' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'PORT="eighty" is invalid: expected an integer from 0 to 65535.',
      '--public-url (PUBLIC_URL)="ftp://x" is invalid: expected an http:// or https:// URL.',
      'DATABASE_URL="mysql://x" is invalid: expected a postgres:// or postgresql:// URL, or sqlite::memory: (unset: a SQLite file in CARPORT_DATA_DIR).',
      'CARPORT_SECRET_KEY="short" is invalid: expected a random string of at least 32 characters (e.g. `openssl rand -base64 48`).',
      'LOG_LEVEL="loud" is invalid: expected one of fatal, error, warn, info, debug, trace, silent.',
    ]);
  });

  it('configures the live Tesla provider only with a client id and secret, once the simulator hands live Teslas over', () => {
    const problems = (env: Record<string, string>): readonly string[] => {
      try {
        loadConfig({ env: { CARPORT_SECRET_KEY: key, ...env } });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [String(error)];
      }
    };
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key } }).tesla).toBeUndefined();
    expect(problems({ CARPORT_TESLA_CLIENT_ID: 'client' })).toEqual([
      'CARPORT_TESLA_CLIENT_ID and CARPORT_TESLA_CLIENT_SECRET are invalid: expected both set (the live Tesla provider) or neither.',
      'CARPORT_TESLA_CLIENT_ID is set, so the live Tesla provider links live Teslas: leave TESLA out of CARPORT_SIMULATED_MAKES or live out of CARPORT_SIMULATED_MODES.',
    ]);
    const tesla = { CARPORT_TESLA_CLIENT_ID: 'client', CARPORT_TESLA_CLIENT_SECRET: 'secret', CARPORT_SIMULATED_MAKES: 'NISSAN,FORD' };
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, ...tesla } }).tesla).toEqual({
      clientId: 'client',
      clientSecret: 'secret',
      authUrl: 'https://auth.tesla.com',
      region: 'NA',
      fleetApiUrl: 'https://fleet-api.prd.na.vn.cloud.tesla.com',
      timeoutMs: 10_000,
      telemetry: undefined,
      commandProxyUrl: undefined,
      partnerDomain: 'localhost',
    });
    const streaming = { ...tesla, PUBLIC_URL: 'https://carport.example.com', CARPORT_TESLA_TELEMETRY_MQTT_URL: 'mqtts://broker.example.com:8883' };
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, ...streaming } }).tesla).toMatchObject({
      telemetry: { mqttUrl: 'mqtts://broker.example.com:8883', topicPrefix: 'telemetry', clientId: 'carport-tesla-telemetry', hostname: 'carport.example.com' },
      partnerDomain: 'carport.example.com',
    });
    expect(problems({ ...tesla, CARPORT_TESLA_TELEMETRY_MQTT_URL: 'http://broker', CARPORT_TESLA_TELEMETRY_TOPIC_PREFIX: 'fleet/#' })).toEqual([
      'CARPORT_TESLA_TELEMETRY_MQTT_URL="http://broker" is invalid: expected an mqtt:// or mqtts:// URL.',
      'CARPORT_TESLA_TELEMETRY_TOPIC_PREFIX="fleet/#" is invalid: expected a topic prefix without wildcards or leading or trailing slashes, e.g. `telemetry`.',
    ]);
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, ...tesla, CARPORT_TESLA_REGION: 'eu' } }).tesla?.fleetApiUrl).toBe('https://fleet-api.prd.eu.vn.cloud.tesla.com');
    expect(problems({ ...tesla, CARPORT_TESLA_REGION: 'mars' })).toEqual(['CARPORT_TESLA_REGION="mars" is invalid: expected one of NA, EU, CN.']);
  });

  it('configures the live NIO provider only with its client, secret and both URLs, once the simulator hands live NIOs over', () => {
    const problems = (env: Record<string, string>): readonly string[] => {
      try {
        loadConfig({ env: { CARPORT_SECRET_KEY: key, ...env } });
        return [];
      } catch (error) {
        return error instanceof ConfigError ? error.problems : [String(error)];
      }
    };
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key } }).nio).toBeUndefined();
    expect(problems({ CARPORT_NIO_CLIENT_SECRET: 'secret' })).toEqual(['CARPORT_NIO_CLIENT_SECRET is invalid: expected CARPORT_NIO_CLIENT_ID set with it (the live NIO provider) or neither.']);
    expect(problems({ CARPORT_NIO_CLIENT_ID: 'client' })).toEqual([
      'CARPORT_NIO_CLIENT_ID is set, so CARPORT_NIO_CLIENT_SECRET, CARPORT_NIO_AUTH_URL, CARPORT_NIO_API_URL must be set too (NIO hands them to partners with the client id).',
      'CARPORT_NIO_CLIENT_ID is set, so the live NIO provider links live NIOs: leave NIO out of CARPORT_SIMULATED_MAKES or live out of CARPORT_SIMULATED_MODES.',
    ]);
    const nio = { CARPORT_NIO_CLIENT_ID: 'client', CARPORT_NIO_CLIENT_SECRET: 'secret', CARPORT_NIO_AUTH_URL: 'https://auth.nio.example/', CARPORT_NIO_API_URL: 'https://api.nio.example', CARPORT_SIMULATED_MODES: 'test,simulated' };
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, ...nio } }).nio).toEqual({
      clientId: 'client',
      clientSecret: 'secret',
      authUrl: 'https://auth.nio.example',
      apiUrl: 'https://api.nio.example',
      timeoutMs: 10_000,
      pollIntervalMs: 30_000,
      pollRequests: 3,
    });
    expect(problems({ ...nio, CARPORT_NIO_API_URL: 'ftp://api.nio.example' })).toEqual(['CARPORT_NIO_API_URL="ftp://api.nio.example" is invalid: expected an http:// or https:// URL.']);
  });

  it('generates a development secret key once, keeps it across starts, and warns', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-config-'));
    const first = loadConfig({ env: { CARPORT_DATA_DIR: dataDir } });
    const second = loadConfig({ env: { CARPORT_DATA_DIR: dataDir } });
    expect(first.secretKey).toHaveLength(64);
    expect(second.secretKey).toBe(first.secretKey);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim()).toBe(first.secretKey);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toContain('CARPORT_SECRET_KEY is unset');
  });

  it('bounds how long a client may hold a connection, headers within the request deadline', () => {
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key } })).toMatchObject({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 72_000,
      connectionTimeoutMs: 120_000,
      maxRequestsPerSocket: 0,
    });
    expect(() => loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_HEADERS_TIMEOUT_MS: '5000', CARPORT_REQUEST_TIMEOUT_MS: '5000' } })).toThrow(
      new ConfigError(['CARPORT_HEADERS_TIMEOUT_MS=5000 is invalid: expected less than CARPORT_REQUEST_TIMEOUT_MS (5000).']),
    );
    expect(() => loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_REQUEST_TIMEOUT_MS: '0', CARPORT_CONNECTION_TIMEOUT_MS: '10' } })).toThrow(
      new ConfigError([
        'CARPORT_REQUEST_TIMEOUT_MS="0" is invalid: expected an integer from 100 to 600000.',
        'CARPORT_CONNECTION_TIMEOUT_MS="10" is invalid: expected an integer from 1000 to 3600000.',
      ]),
    );
  });

  it('refuses the generated key in production', () => {
    expect(() => loadConfig({ env: { NODE_ENV: 'production', CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-config-')) } })).toThrow(
      'CARPORT_SECRET_KEY is unset but NODE_ENV=production',
    );
  });
});

describe('where the data lives', () => {
  const checkout = join(import.meta.dirname, '..', '..', '..', '..');

  it('is `data` at the top of the checkout when CARPORT_DATA_DIR is unset, whichever directory Carport runs from', () => {
    for (const workingDirectory of [checkout, join(checkout, 'packages', 'cli'), tmpdir(), '/']) {
      expect(resolveDataDir(undefined, workingDirectory)).toBe(join(checkout, 'data'));
    }
  });

  it('takes an explicit CARPORT_DATA_DIR as given: absolute, or relative to the working directory', () => {
    expect(resolveDataDir('/srv/carport', '/home/user')).toBe('/srv/carport');
    expect(resolveDataDir('carport-data', '/home/user/project')).toBe('/home/user/project/carport-data');
    expect(readSettings({ env: { CARPORT_DATA_DIR: '/srv/carport' } }).dataDir).toBe('/srv/carport');
  });

  it('validates every setting without writing anything: the development key is generated only when the configuration is resolved', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'carport-config-')), 'data');
    const values = readSettings({ env: { CARPORT_DATA_DIR: dataDir, PORT: '9001' } });
    expect(values.port).toBe(9001);
    expect(values.dataDir).toBe(dataDir);
    expect(existsSync(dataDir)).toBe(false);
    expect(resolveConfig(values).secretKey).toBe(readFileSync(join(dataDir, 'secret.key'), 'utf8').trim());
  });
});

describe('CARPORT_WEBHOOK_RETRY_SCHEDULE', () => {
  const env = (schedule: string) => ({ CARPORT_SECRET_KEY: 'a-test-secret-key-of-enough-length-0123', CARPORT_WEBHOOK_RETRY_SCHEDULE: schedule });
  it('reads whole durations in ms, s, m and h, and none', () => {
    expect(loadConfig({ env: env('500ms,25s,2m,1h') }).webhookRetrySchedule).toEqual([500, 25_000, 120_000, 3_600_000]);
    expect(loadConfig({ env: env('24h') }).webhookRetrySchedule).toEqual([86_400_000]);
    expect(loadConfig({ env: env('none') }).webhookRetrySchedule).toEqual([]);
  });

  it('refuses bare numbers, fractions, days and anything over a day', () => {
    for (const schedule of ['25', '1.5s', '1d', '25h', '25s,']) expect(() => loadConfig({ env: env(schedule) }), schedule).toThrow(ConfigError);
  });
});
