/**
 * @module Vehicle API benchmark: authenticated, permission-checked `GET /v2.0/vehicles/{id}/odometer`
 * against a bare Fastify route returning a constant body, side by side in one run, and a 10-path
 * batch against 10 single requests. Run: `npm run bench:api`.
 */
import fastify from 'fastify';
import { buildApp, createLogger, loadConfig } from '@carport/server';
import { formatResult, runLoadInChild, type LoadResult } from './load.js';
import { benchmarkGrant } from './benchmark-grant.js';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);

const bare = fastify({ logger: false });
bare.get('/odometer', () => ({ distance: 12_345.6 }));
const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });

// The limits run on every request, as in production, under a plan with no ceilings so none refuses.
const unlimitedPlan = { unlimited: { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null } };
const config = loadConfig({
  env: { DATABASE_URL: 'sqlite::memory:', CARPORT_SECRET_KEY: 'benchmark-secret-key-0123456789abcdef', LOG_LEVEL: 'silent', CARPORT_DEMO_APP: 'false', CARPORT_PLANS: JSON.stringify(unlimitedPlan) },
});
const app = await buildApp(config, { logger: createLogger('silent') });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const grant = await benchmarkGrant(app, 'unlimited');
const headers = { authorization: `Bearer ${grant.accessToken}` };

const results: LoadResult[] = [];
const measure = async (label: string, url: string, extra: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {}): Promise<LoadResult> => {
  const result = await runLoadInChild({ label, url, concurrency, durationMs, ...extra });
  results.push(result);
  process.stdout.write(`${formatResult(result)}\n`);
  return result;
};

process.stdout.write(`Vehicle API benchmark: ${concurrency} connections, ${durationMs / 1000} s per case, vehicle ${grant.description}\n`);
const baseline = await measure('bare Fastify constant body (baseline)', `${bareAddress}/odometer`);
const odometer = await measure('Carport GET /odometer (auth + grant + read)', `${address}/v2.0/vehicles/${grant.vehicleId}/odometer`, { headers });
const paths = ['/odometer', '/location', '/battery', '/charge', '/security', '/vin', '/', '/charge/limit', '/battery/nominal_capacity', '/tires/pressure'];
const batch = await measure('Carport batch of 10 paths', `${address}/v2.0/vehicles/${grant.vehicleId}/batch`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify({ requests: paths.map((path) => ({ path })) }),
});
process.stdout.write('\n');
process.stdout.write(`read path / bare route throughput: ${((odometer.perSecond / baseline.perSecond) * 100).toFixed(1)} % (aim: >= 70 %)\n`);
process.stdout.write(`one 10-path batch vs 10 single reads: ${((batch.perSecond * 10) / odometer.perSecond).toFixed(2)}x the paths per second\n`);
if (results.some((result) => result.errors > 0)) process.stdout.write('warning: some requests failed; see the errors column\n');
await app.close();
await bare.close();
