import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/create-services.js';
import { startServer } from '../../src/lifecycle/run-server.js';
import { StartupError } from '../../src/app/startup-error.js';
import { createLogger } from '../../src/logging/logger.js';
import { databaseLocation, describeDatabaseLocation } from '../../src/store/index.js';
import { describePostgres, postgresUrl } from '../store/database-harness.js';
import { testConfig } from '../helpers/test-app.js';

/** A loopback port nothing listens on (the kernel's pick, released at once). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

const silent = { print: () => undefined, warn: () => undefined };

describe('start-up database errors', () => {
  it('says PostgreSQL cannot be reached, at which address, instead of reporting a failed migration', async () => {
    const port = await closedPort();
    const config = testConfig({ DATABASE_URL: `postgres://carport:hunter2@127.0.0.1:${port}/carport`, PORT: '0', HOST: '127.0.0.1' });
    const expected = new StartupError(`cannot connect to PostgreSQL at 127.0.0.1:${port} (connection refused)`);
    await expect(startServer(config, { logger: createLogger('silent') }, silent)).rejects.toThrow(expected);
    await expect(createServices(config, { logger: createLogger('silent') })).rejects.toThrow(expected);
  });

  it('names the database in use without its password', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-location-'));
    expect(describeDatabaseLocation(databaseLocation(undefined, dataDir))).toBe(`SQLite database ${join(dataDir, 'carport.sqlite')}`);
    expect(describeDatabaseLocation(databaseLocation('sqlite::memory:', dataDir))).toBe('in-memory SQLite database');
    expect(describeDatabaseLocation(databaseLocation('postgres://carport:hunter2@db.internal:6543/fleet', dataDir))).toBe('PostgreSQL database fleet at db.internal:6543 (user carport)');
    expect(describeDatabaseLocation(databaseLocation('postgresql://[::1]/carport', dataDir))).toBe('PostgreSQL database carport at [::1]:5432');
  });
});

describePostgres('start-up on a PostgreSQL server without the database', () => {
  it('names the createdb command that creates it', async () => {
    const name = `carport_missing_${randomBytes(4).toString('hex')}`;
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const config = testConfig({ DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1' });
    const user = url.username === '' ? '' : ` -U ${decodeURIComponent(url.username)}`;
    const port = url.port === '' || url.port === '5432' ? '' : ` -p ${url.port}`;
    await expect(startServer(config, { logger: createLogger('silent') }, silent)).rejects.toThrow(
      new StartupError(`PostgreSQL at ${url.hostname}:${url.port || '5432'} has no database "${name}"; create it with: createdb -h ${url.hostname}${port}${user} ${name}`),
    );
  });
});
