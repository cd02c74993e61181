/**
 * @module `carport apps set-plan` against a running `carport serve`: an application that spent the
 * free plan's vehicle bucket is admitted again within the plan cache interval once moved to build,
 * without restarting the server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { connectThroughConnect } from './connect-over-http.js';
import { runBuiltCli } from './run-cli.js';
import { freePort, serveCarport } from './served-carport.js';

const redirectUri = 'https://app.example/callback';

it('set-plan lifts a spent vehicle bucket on a running server within 5 seconds', async () => {
  const env = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-set-plan-')), CARPORT_SECRET_KEY: 'cli-set-plan-secret-0123456789abcdef', CARPORT_DEMO_APP: 'false' };
  const created = await runBuiltCli(['apps', 'create', '--name', 'Plans', '--redirect-uri', redirectUri, '--json'], env);
  const app = JSON.parse(created.stdout) as { clientId: string; clientSecret: string };
  const server = await serveCarport(env, await freePort());
  try {
    const query = new URLSearchParams({ response_type: 'code', client_id: app.clientId, redirect_uri: redirectUri, scope: 'read_vehicle_info', mode: 'simulated', state: 's' });
    const landed = await connectThroughConnect(`${server.origin}/oauth/authorize?${query.toString()}`, { make: 'TESLA', email: 'plans.owner@example.com', password: 'any password' });
    const tokens = await fetch(`${server.origin}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: landed.searchParams.get('code') ?? '', redirect_uri: redirectUri }),
    });
    const headers = { authorization: `Bearer ${((await tokens.json()) as { access_token: string }).access_token}` };
    const listed = (await (await fetch(`${server.origin}/v2.0/vehicles`, { headers })).json()) as { vehicles: string[] };
    const read = () => fetch(`${server.origin}/v2.0/vehicles/${listed.vehicles[0] ?? ''}`, { headers });

    for (let index = 0; index < 20; index += 1) expect((await read()).status).toBe(200);
    const spent = await read();
    expect(spent.status).toBe(429);
    expect(((await spent.json()) as { description: string }).description).toContain("the application's plan `free` allows 20 requests to one vehicle at once");

    const moved = await runBuiltCli(['apps', 'set-plan', app.clientId, 'build'], env);
    expect(moved.code).toBe(0);
    const startedMs = Date.now();
    let status = 429;
    while (status === 429 && Date.now() - startedMs < 7_000) {
      await delay(250);
      status = (await read()).status;
    }
    expect(status).toBe(200);
    expect(Date.now() - startedMs).toBeLessThan(6_000);
  } finally {
    await server.stop();
  }
});
