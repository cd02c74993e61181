/**
 * @module The README's Webhooks walkthrough, run step by step as written: its shell commands (with
 * the server's and the receiver's free ports in place of 8080 and 3000) against the built server,
 * the receiver from docs/webhooks.md, and Connect over HTTP where the README says to open a browser.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connectThroughConnect } from './connect-over-http.js';
import { childEnv, databaseLine, type CliResult } from './run-cli.js';
import { freePort, serveCarport } from './served-carport.js';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..');

/** The text between a heading and the next heading of the same level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = /^#+ /.exec(heading)?.[0] ?? '## ';
  const end = markdown.indexOf(`\n${level}`, start + heading.length + 2);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The fenced blocks of one language, without the list item's indentation. */
function fenced(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`^( *)\`\`\`${language}\\n([\\s\\S]*?)^ *\`\`\``, 'gm'))].map((match) =>
    (match[2] ?? '').split('\n').map((line) => line.slice((match[1] ?? '').length)).join('\n'),
  );
}

/** A shell block's commands: comment lines (the expected output) dropped, `\` continuations joined. */
function commandsOf(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

const readme = section(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'), '## Webhooks');
const shellBlocks = fenced(readme, 'sh');
/** The commands of the README's one shell block that contains `text`. */
function step(text: string): string[] {
  const matching = shellBlocks.filter((block) => block.includes(text));
  expect(matching).toHaveLength(1);
  return commandsOf(matching[0] ?? '');
}

async function completion(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { code, stdout, stderr };
}

async function waitFor(what: string, found: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

describe("README's Webhooks walkthrough", () => {
  it('delivers a signed CHARGING_STARTED to the docs receiver for a vehicle connected through the demo Connect URL and plugged in with the CLI', async () => {
    const [serverPort, receiverPort] = [await freePort(), await freePort()];
    const serverOrigin = `http://localhost:${serverPort}`;
    const receiverOrigin = `http://localhost:${receiverPort}`;
    const variables: Record<string, string> = {};

    // 1. Start Carport with local receivers allowed (the setting exported for the server and the CLI alike).
    const [exported, start] = step('npm start');
    expect(start).toBe('npm start');
    const allow = /^export (CARPORT_WEBHOOK_ALLOW_ADDRESSES)=(\S+)$/.exec(exported ?? '');
    const env: Record<string, string> = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-readme-webhooks-')), [allow?.[1] ?? '']: allow?.[2] ?? '' };
    const server = await serveCarport(env, serverPort);
    const banner = (label: string): string => new RegExp(`${label}: +(\\S+)`).exec(server.stdout())?.[1] ?? '';
    variables.CLIENT_ID = banner('client id');
    variables.CLIENT_SECRET = banner('client secret');
    variables.MANAGEMENT_TOKEN = banner('management token');
    const connectUrl = banner('Connect URL');

    /** Runs one of the README's commands in a shell, with the walkthrough's variables and this test's ports. */
    const shell = (command: string): Promise<CliResult> => {
      const local = command.replaceAll('http://localhost:8080', serverOrigin).replaceAll('http://localhost:3000', receiverOrigin);
      return completion(spawn('bash', ['-c', local], { cwd: repositoryRoot, env: childEnv({ ...env, ...variables, npm_config_offline: 'true' }) }));
    };
    // curl writes its progress meter to standard error when its output is a pipe, so only the exit code and the JSON count.
    const json = async <T>(command: string): Promise<T> => {
      const result = await shell(command);
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as T;
    };

    // 2. The receiver, saved from docs/webhooks.md.
    const docs = section(readFileSync(join(repositoryRoot, 'docs', 'webhooks.md'), 'utf8'), '## 5. Verify signatures');
    const [verifier, receiverCode] = fenced(docs, 'js');
    const receiverDir = mkdtempSync(join(tmpdir(), 'carport-receiver-'));
    writeFileSync(join(receiverDir, 'verify-carport-request.mjs'), verifier ?? '');
    writeFileSync(join(receiverDir, 'receiver.mjs'), receiverCode ?? '');
    expect(step('node receiver.mjs')).toEqual(['MANAGEMENT_TOKEN=mt_... node receiver.mjs']);
    const receiver = spawn(process.execPath, ['receiver.mjs'], { cwd: receiverDir, env: childEnv({ MANAGEMENT_TOKEN: variables.MANAGEMENT_TOKEN, PORT: String(receiverPort) }) });
    let received = '';
    receiver.stdout.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    try {
      await waitFor('the receiver', () => received.includes(`listening on ${receiverOrigin}/hooks`), 30_000);

      // 3. Create the webhook: verified at once.
      const [create] = step('webhooks create');
      const webhook = await json<{ id: string; verification: { status: string } }>(create ?? '');
      expect(webhook.verification.status).toBe('verified');
      variables.WEBHOOK_ID = webhook.id;

      // 4. Connect a simulated Tesla through the demo's Connect URL; the callback page shows the code.
      expect(new URL(connectUrl).searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['read_charge_events', 'read_charge', 'control_charge']));
      const callback = await connectThroughConnect(connectUrl, { make: 'TESLA', email: 'webhooks.walkthrough@example.com', password: 'anything' });
      expect(callback.origin + callback.pathname).toBe(`${serverOrigin}/demo/callback`);
      const callbackPage = await (await fetch(callback)).text();
      variables.CODE = /<code id="authorization-code">([^<]+)<\/code>/.exec(callbackPage)?.[1] ?? '';
      const [exchange, list] = step('oauth/token');
      variables.ACCESS_TOKEN = (await json<{ access_token: string }>(exchange ?? '')).access_token;
      const vehicles = await json<{ vehicles: string[]; paging: { count: number } }>(list ?? '');
      expect(vehicles.paging.count).toBeGreaterThan(0);
      variables.VEHICLE_ID = vehicles.vehicles[0] ?? '';

      // 5. Subscribe it.
      const [subscribe] = step('/webhooks/$WEBHOOK_ID');
      expect(await json(subscribe ?? '')).toEqual({ vehicleId: variables.VEHICLE_ID, webhookId: variables.WEBHOOK_ID });

      // 6. Plug it in, as the README says to when the car is driving or already plugged in.
      const [plug] = step('fleet plug');
      const advance = 'npx carport fleet advance 2h';
      const unplug = 'npx carport fleet unplug "$VEHICLE_ID"';
      expect(readme).toContain(`\`${advance}\``);
      expect(readme).toContain(`\`${unplug}\``);
      let plugged = await shell(plug ?? '');
      for (let attempt = 0; plugged.code !== 0 && attempt < 6; attempt++) {
        if (plugged.stderr.includes('VEHICLE_STATE:IN_MOTION')) expect((await shell(advance)).code).toBe(0);
        else if (plugged.stderr.includes('VEHICLE_STATE:CHARGING_PLUG_CONNECTED')) expect((await shell(unplug)).code).toBe(0);
        else break;
        plugged = await shell(plug ?? '');
      }
      expect(plugged.stderr).toBe(databaseLine(env));
      expect(plugged.code).toBe(0);
      expect(plugged.stdout).toMatch(/^charge +{"isPluggedIn":true,/m);
      if (/^status +CHARGING$/m.exec(plugged.stdout) === null) {
        const [limit, startCharge] = step('"action":"START"');
        expect(await json(limit ?? '')).toEqual({ message: 'Successfully sent request to vehicle', status: 'success' });
        expect(await json(startCharge ?? '')).toEqual({ message: 'Successfully sent request to vehicle', status: 'success' });
      }

      // The receiver checked both signatures (HMAC-SHA256 with the management token) before printing the event.
      await waitFor('a signed CHARGING_STARTED at the receiver', () => /^eventBased CHARGING_STARTED /m.test(received), 90_000);
      const line = received.split('\n').find((candidate) => candidate.startsWith('eventBased CHARGING_STARTED ')) ?? '';
      const delivery = JSON.parse(line.slice('eventBased CHARGING_STARTED '.length)) as { webhookId: string; mode: string; payload: { vehicleId: string; eventType: string } };
      expect(delivery).toMatchObject({ webhookId: variables.WEBHOOK_ID, mode: 'simulated', payload: { vehicleId: variables.VEHICLE_ID, eventType: 'CHARGING_STARTED' } });
      const forged = await fetch(`${receiverOrigin}/hooks`, { method: 'POST', headers: { 'sc-signature': '0'.repeat(64), 'carport-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }, body: line.slice('eventBased CHARGING_STARTED '.length) });
      expect(forged.status).toBe(401);

      // 7. A fault, and clearing it.
      const [fault, read, clear] = step('fleet fault');
      // The CLI writes through another process; the server sees it within CARPORT_READ_CACHE_TTL_MS
      // (1 s), a gap a person typing the next command never meets but a script can.
      const settle = { timeout: 10_000, interval: 500 };
      expect((await shell(fault ?? '')).code).toBe(0);
      await expect.poll(() => json(read ?? ''), settle).toMatchObject({ type: 'VEHICLE_STATE', code: 'UNREACHABLE', statusCode: 409 });
      expect((await shell(clear ?? '')).code).toBe(0);
      await expect.poll(async () => (await shell(read ?? '')).stdout, settle).toMatch(/"percentRemaining":/);

      // 8. The delivery log, one delivery and a replay.
      const [deliveries, showDelivery, replay] = step('webhooks deliveries');
      const listed = await shell(deliveries ?? '');
      expect(listed.code).toBe(0);
      const row = listed.stdout.split('\n').find((candidate) => candidate.includes('CHARGING_STARTED')) ?? '';
      expect(row).toMatch(/ delivered /);
      variables.DELIVERY_ID = /^\S+/.exec(row)?.[0] ?? '';
      expect((await shell(showDelivery ?? '')).stdout).toContain(variables.DELIVERY_ID);
      const replayed = await shell(replay ?? '');
      expect(replayed.stderr).toBe(databaseLine(env));
      expect(replayed.stdout).toContain(variables.DELIVERY_ID);
    } finally {
      receiver.kill('SIGTERM');
      expect(await server.stop()).toBe(0);
    }
  }, 600_000);
});
