/** @module A delivery worker in its own process, for the crash test: runs until killed, configured from the environment like the server. */
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRepositories, openDatabase } from '../../src/store/index.js';
import { CallbackSender } from '../../src/webhooks/callback-sender.js';
import { DeliveryWorker } from '../../src/webhooks/delivery-worker.js';
import { webhookSettingsFrom } from '../../src/webhooks/webhook-settings.js';

const config = loadConfig({ env: process.env });
const store = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const settings = webhookSettingsFrom(config);
const sender = new CallbackSender(settings);
const worker = new DeliveryWorker({
  repositories: createRepositories(store, { secretKey: config.secretKey }),
  sender,
  settings,
  logger: createLogger('silent'),
  now: () => new Date(),
});
worker.start();
process.stdout.write('started\n');
// The test ends this process with SIGKILL, or with SIGTERM once everything was delivered.
process.once('SIGTERM', () => {
  void worker.stop().then(async () => {
    await sender.close();
    await store.close();
  });
});
