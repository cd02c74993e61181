/** @module Builds the app for webhook tests on a harness store, with a fake provider, a hand-driven clock and the worker off by default. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logging/logger.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import type { Repositories, Store } from '../../src/store/index.js';
import type { WebhookRuntime } from '../../src/webhooks/webhook-runtime.js';
import { CapturedLog, testConfig } from '../helpers/test-app.js';
import { managementAuthorization, type SeededWorld } from '../helpers/test-world.js';
import { createTestClock, type TestClock } from '../store/fixtures.js';
import { FakeProvider } from './fake-provider.js';
import { TestReceiver } from './receiver.js';

/** Settings every webhook test starts from: loopback receivers allowed, the worker driven by hand. */
export const webhookTestEnv: Readonly<Record<string, string>> = {
  CARPORT_WEBHOOK_WORKER: 'false',
  CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'loopback',
  CARPORT_WEBHOOK_TIMEOUT_MS: '2000',
};

export interface WebhookTestApp {
  readonly app: FastifyInstance;
  readonly runtime: WebhookRuntime;
  readonly provider: FakeProvider;
  readonly clock: TestClock;
  readonly repositories: Repositories;
  readonly log: CapturedLog;
}

/** Builds the app over `store` (the caller closes the store; close the app in the test). */
export async function buildWebhookApp(store: Store, options: { env?: Record<string, string>; clock?: TestClock; provider?: FakeProvider } = {}): Promise<WebhookTestApp> {
  const clock = options.clock ?? createTestClock();
  const provider = options.provider ?? new FakeProvider();
  const providers = new ProviderRegistry();
  providers.register(provider);
  const log = new CapturedLog();
  const app = await buildApp(testConfig({ ...webhookTestEnv, ...options.env }), { store, providers, now: clock, logger: createLogger('info', log.stream) });
  return { app, runtime: app.carport.webhooks, provider, clock, repositories: app.carport.repositories, log };
}

/** A receiver and a webhook app, as most webhook tests start each case. */
export interface WebhookHarness {
  readonly receiver: TestReceiver;
  readonly harness: WebhookTestApp;
}

/**
 * Starts a receiver and builds the app over `store`; the receiver checks signature timestamps
 * against the app's test clock, so a case may move the clock on without deliveries going stale.
 * @example
 * beforeEach(async () => ({ receiver, harness } = await startWebhookHarness(getStore())));
 * afterEach(() => closeWebhookHarness({ receiver, harness }));
 */
export async function startWebhookHarness(store: Store): Promise<WebhookHarness> {
  const receiver = await TestReceiver.start();
  const harness = await buildWebhookApp(store);
  receiver.nowSeconds = () => harness.clock().getTime() / 1000;
  return { receiver, harness };
}

/** Closes the app (draining its background work), then the receiver. */
export async function closeWebhookHarness({ receiver, harness }: WebhookHarness): Promise<void> {
  await harness.app.close();
  await receiver.close();
}

/** What webhook tests grant their seeded vehicle: the events and reads their webhooks subscribe to. */
export const webhookPermissions: readonly string[] = ['read_battery', 'read_charge_events', 'read_diagnostics', 'read_odometer'];

/** The Management API's documented header: `Basic base64("default:" + token)`. */
export function managementAuth(token: string): { authorization: string } {
  return { authorization: managementAuthorization(token) };
}

/** Parses a JSON answer as an object. */
export function json(response: LightMyRequestResponse): Record<string, unknown> {
  return response.json<Record<string, unknown>>();
}

/** Creates a webhook through the Management API pointing at `receiver`; answers its id after checking it verified. */
export async function createWebhookVia(app: FastifyInstance, seeded: SeededWorld, receiver: TestReceiver, definition: Record<string, unknown>): Promise<string> {
  receiver.token = seeded.managementToken;
  const response = await app.inject({
    method: 'POST',
    url: '/v2.0/management/webhooks',
    headers: managementAuth(seeded.managementToken),
    payload: { name: 'Test webhook', callbackUrl: receiver.url(), mode: 'simulated', ...definition },
  });
  const body = response.json<{ id: string; verification: { status: string; error: string | null } }>();
  if (response.statusCode !== 201 || body.verification.status !== 'verified') throw new Error(`webhook not created and verified: ${response.body}`);
  return body.id;
}

/** Subscribes the seeded vehicle to a webhook with its access token. */
export async function subscribeVia(app: FastifyInstance, seeded: SeededWorld, webhookId: string): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/v2.0/vehicles/${seeded.vehicleId}/webhooks/${webhookId}`,
    headers: { authorization: `Bearer ${seeded.accessToken}`, 'content-type': 'application/json' },
    payload: '',
  });
}
