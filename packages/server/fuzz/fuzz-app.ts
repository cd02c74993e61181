/** @module The app a fuzz run attacks: a scratch SQLite file, the admin API on, webhook delivery off, limits on under a plan that never refuses. */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config/load-config.js';
import { buildApp } from '../src/http/build-app.js';
import { createLogger } from '../src/logging/logger.js';

export const fuzzAdminToken = 'fuzz-admin-token-0123456789abcdefghijklmnop';

/** The plan of the seeded applications: limits run (their code is fuzzed too) but never refuse, so requests reach the routes. */
export const fuzzPlan = 'fuzz';
const unlimited = { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null };

/** Builds the app over a database in `dataDir`. Background delivery stays off: nothing is sent anywhere unasked. */
export async function buildFuzzApp(dataDir: string): Promise<FastifyInstance> {
  const config = loadConfig({
    env: {
      CARPORT_DATA_DIR: dataDir,
      CARPORT_SECRET_KEY: 'fuzz-secret-key-that-is-long-enough-0123456789',
      PUBLIC_URL: 'http://carport.fuzz',
      CARPORT_ADMIN_TOKEN: fuzzAdminToken,
      CARPORT_SIM_LATENCY_MS: '0',
      CARPORT_WEBHOOK_WORKER: 'false',
      CARPORT_PLANS: JSON.stringify({ [fuzzPlan]: unlimited }),
      LOG_LEVEL: 'info',
    },
  });
  // Logging stays on (serialisers meet the hostile input too); the lines go nowhere.
  const discard = new Writable({
    write: (_chunk, _encoding, callback) => {
      callback();
    },
  });
  return buildApp(config, { logger: createLogger('info', discard) });
}
