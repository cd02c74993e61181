/**
 * An event on NIO's change feed reaches the application as a signed webhook, with two processes on
 * one PostgreSQL database: the Carport server (Connect, the API and the NIO provider, whose poll of
 * the feed puts the event into the outbox) and a delivery worker, which sends it to a live-mode
 * webhook over HTTPS. The worker trusts the receiver's certificate, made for this test, through
 * NODE_EXTRA_CA_CERTS, which Node reads when a process starts: hence the separate process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EmulatedNioCloud } from '@carport/emulators';
import smartcar from 'smartcar';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startServer, type RunningServer } from '../../src/lifecycle/run-server.js';
import { testConfig, testSecretKey } from '../helpers/test-app.js';
import { createScratchPostgresDatabase, describePostgres, type ScratchDatabase } from '../store/database-harness.js';
import { TestReceiver } from '../webhooks/receiver.js';
import { connectThroughNio } from './nio-connect.js';
import { nioParkedAt, nioPermissions } from './nio-subject.js';

const redirectUri = 'https://app.example/callback';
const owner = 'events@nio.test';
const workerScript = fileURLToPath(new URL('../webhooks/worker-process.ts', import.meta.url));

/** A self-signed certificate for 127.0.0.1, the receiver's key and the file the worker trusts. */
async function loopbackCertificate(directory: string): Promise<{ key: string; cert: string; certPath: string }> {
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}

async function startWorker(databaseUrl: string, certPath: string): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', workerScript], {
    env: {
      PATH: process.env.PATH ?? '',
      CARPORT_SECRET_KEY: testSecretKey,
      DATABASE_URL: databaseUrl,
      CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
      CARPORT_WEBHOOK_POLL_INTERVAL_MS: '50',
      NODE_EXTRA_CA_CERTS: certPath,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = '';
  worker.stdout?.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    worker.once('exit', (code) => {
      reject(new Error(`the delivery worker exited with ${String(code)}`));
    });
    worker.stdout?.on('data', (chunk: string) => {
      printed += chunk;
      if (printed.includes('started')) resolve();
    });
  });
  return worker;
}

describePostgres('NIO change-feed events as signed webhooks [postgres, two processes]', () => {
  let scratch: ScratchDatabase;
  let directory: string;
  let cloud: EmulatedNioCloud;
  let server: RunningServer;
  let worker: ChildProcess;
  let receiver: TestReceiver;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'carport-nio-webhooks-'));
    scratch = await createScratchPostgresDatabase();
    const certificate = await loopbackCertificate(directory);
    receiver = await TestReceiver.start({ key: certificate.key, cert: certificate.cert });
    cloud = await EmulatedNioCloud.start({ accounts: [owner], now: () => new Date(nioParkedAt) });
    server = await startServer(
      testConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: scratch.url,
        CARPORT_DEMO_APP: 'false',
        CARPORT_SIMULATED_MODES: 'test,simulated',
        CARPORT_NIO_CLIENT_ID: cloud.clientId,
        CARPORT_NIO_CLIENT_SECRET: cloud.clientSecret,
        CARPORT_NIO_AUTH_URL: cloud.origin,
        CARPORT_NIO_API_URL: cloud.origin,
        CARPORT_NIO_POLL_INTERVAL_MS: '100',
        // Deliveries are the worker process's.
        CARPORT_WEBHOOK_WORKER: 'false',
      }),
      { logger: createLogger('silent') },
      { print: () => undefined, warn: () => undefined },
    );
    worker = await startWorker(scratch.url, certificate.certPath);
    process.env.SMARTCAR_API_ORIGIN = server.address;
    process.env.SMARTCAR_AUTH_ORIGIN = server.address;
  });
  afterAll(async () => {
    delete process.env.SMARTCAR_API_ORIGIN;
    delete process.env.SMARTCAR_AUTH_ORIGIN;
    if (worker.exitCode === null) {
      worker.removeAllListeners('exit');
      const exited = once(worker, 'exit');
      worker.kill('SIGTERM');
      await exited;
    }
    await server.app.close();
    await cloud.close();
    await receiver.close();
    await scratch.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it("delivers a CHARGING_COMPLETED of NIO's change feed, signed, to a live-mode webhook over HTTPS", async () => {
    const { repositories } = server.app.carport;
    const created = await repositories.applications.createApplication({ name: 'Charge Planner', redirectUris: [redirectUri] });
    const auth = new smartcar.AuthClient({ clientId: created.application.clientId, clientSecret: created.clientSecret, redirectUri, mode: 'live' });
    const { accessToken, vehicleId } = await connectThroughNio(server.app, auth, cloud, owner, ['read_vin', ...nioPermissions], redirectUri);
    receiver.token = created.managementToken;
    // Stored as the management API stores it, and marked verified: the API's own challenge would
    // come from the server process, which does not trust this test's certificate.
    const webhook = await repositories.webhooks.create({ applicationId: created.application.id, name: 'Charging', callbackUrl: receiver.url(), kind: 'eventBased', mode: 'live', config: { eventTypes: ['CHARGING_COMPLETED'] } });
    await repositories.webhooks.markVerified(webhook.id);
    const subscribed = await server.app.inject({ method: 'POST', url: `/v2.0/vehicles/${vehicleId}/webhooks/${webhook.id}`, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, payload: '' });
    expect(subscribed.statusCode, subscribed.body).toBe(200);
    // The car finishes a charge by itself: NIO reports it on the change feed, which Carport polls.
    const event = await cloud.raiseEvent(owner, 'charging_completed');
    const [delivery] = await receiver.waitForDeliveries(1, 30_000);
    expect([delivery?.sdkVerified, delivery?.rawSignatureValid, delivery?.timestampedSignatureValid]).toEqual([true, true, true]);
    const body = delivery?.body as { eventName: string; payload: { eventType: string; eventTime: string; vehicleId: string } };
    expect({ eventName: body.eventName, eventType: body.payload.eventType, vehicleId: body.payload.vehicleId, eventTime: body.payload.eventTime }).toEqual({
      eventName: 'eventBased',
      eventType: 'CHARGING_COMPLETED',
      vehicleId,
      eventTime: new Date(event.sampleTime).toISOString(),
    });
    expect(delivery?.url).toBe('/hooks');
  });
});
