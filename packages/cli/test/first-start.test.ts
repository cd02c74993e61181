/** @module A newcomer's first starts, through the built `carport serve` as `npm start` runs it. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-cli.js';
import { freePort, serveCarport } from './served-carport.js';

const secretKey = 'first-start-secret-key-0123456789abcdefgh';

/** What the server printed for people (the JSON log lines left out). */
function printedText(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('{'))
    .join('\n');
}

describe('carport serve on a new machine', () => {
  it('on a busy port, says which port and what to do, and creates and prints nothing else', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const { port } = busy.address() as AddressInfo;
    const root = mkdtempSync(join(tmpdir(), 'carport-busy-port-'));
    try {
      // No CARPORT_SECRET_KEY: a first start would generate one into the data directory.
      const result = await runBuiltCli(['serve'], { PORT: String(port), CARPORT_DATA_DIR: join(root, 'data') });
      expect(result).toEqual({ code: 1, stdout: '', stderr: `port ${port} is in use; set PORT=... (or stop the other process)\n` });
    } finally {
      busy.close();
    }
    expect(readdirSync(root)).toEqual([]);
  }, 120_000);

  it('when PostgreSQL does not answer, says where it looked, not that a migration failed', async () => {
    const closed = await freePort();
    const result = await runBuiltCli(['serve'], { PORT: String(await freePort()), CARPORT_SECRET_KEY: secretKey, DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${closed}/carport` });
    expect(result).toEqual({ code: 1, stdout: '', stderr: `cannot connect to PostgreSQL at 127.0.0.1:${closed} (connection refused)\n` });
  }, 120_000);

  it('on a later start on another port, moves the demo redirect URI there and prints the Connect URL, never the secrets', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carport-later-start-'));
    const env = { CARPORT_DATA_DIR: dataDir, CARPORT_SECRET_KEY: secretKey };
    const first = await serveCarport(env, await freePort());
    const banner = (label: string): string => new RegExp(`${label}: +(\\S+)`).exec(first.stdout())?.[1] ?? '';
    const [clientId, clientSecret, managementToken] = [banner('client id'), banner('client secret'), banner('management token')];
    expect(await first.stop()).toBe(0);

    const port = await freePort();
    const second = await serveCarport(env, port);
    try {
      const origin = `http://localhost:${port}`;
      const scope = 'read_vehicle_info read_vin read_odometer read_location read_battery read_charge read_charge_events read_security control_charge control_security';
      const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: `${origin}/demo/callback`, scope, mode: 'simulated', state: 'demo' });
      const connectUrl = `${origin}/oauth/authorize?${query.toString()}`;
      expect(printedText(second.stdout())).toBe(
        [
          `Carport is using the SQLite database ${join(dataDir, 'carport.sqlite')}`,
          '',
          '================ Carport demo application =============================',
          `  client id:        ${clientId}`,
          `  redirect URI:     ${origin}/demo/callback`,
          `  Connect URL:      ${connectUrl}`,
          `  credentials:      npx carport apps show ${clientId}`,
          `  This start updated it: its redirect URI moved from ${first.origin}/demo/callback to ${origin}/demo/callback (PUBLIC_URL or PORT changed).`,
          '=======================================================================',
          '',
          '',
        ].join('\n'),
      );
      expect(second.stdout()).not.toContain(clientSecret);
      expect(second.stdout()).not.toContain(managementToken);
      // Connect accepts the printed URL (an unregistered redirect URI gets an error page): the flow begins.
      const consent = await fetch(connectUrl, { redirect: 'manual' });
      expect(consent.status).toBe(303);
      expect(consent.headers.get('location')).toMatch(/^\/connect\/[a-z-]+\?flow=/);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 600_000);
});
