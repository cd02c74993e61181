/**
 * @module Vehicle API benchmark. Every server runs in a child process of its own and autocannon
 * runs the load from this process; each case measures its baseline and its subject in alternating
 * runs of the same length, so a colleague's job or a thermal change weighs on both sides alike.
 * Cases: the authenticated `GET /odometer` against a bare Fastify route (Carport at production
 * defaults: `NODE_ENV=production`, `LOG_LEVEL=info`, JSON lines, a SQLite file); a 10-path batch
 * against single reads; one against two Carport processes on PostgreSQL and Redis.
 * Run: `npm run bench:api` (builds first: the servers run `dist`, as `carport serve` does; BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS size it; BENCH_CASES
 * picks cases by name, BENCH_CPU_PROF_DIR profiles the servers).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { combine, runLoad, type LoadOptions, type LoadResult } from './load.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const selected = (process.env.BENCH_CASES ?? 'read,batch,scale').split(',');
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

// The limits run on every request, as in production, under a plan with no ceilings so none refuses.
const unlimitedPlan = { unlimited: { maxConnectedVehicles: null, monthlyRequestsPerVehicle: null, vehicleRate: null, applicationRate: null } };
const carportEnv = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  PORT: '0',
  HOST: '127.0.0.1',
  CARPORT_SECRET_KEY: 'benchmark-secret-key-0123456789abcdef',
  CARPORT_DEMO_APP: 'false',
  CARPORT_PLANS: JSON.stringify(unlimitedPlan),
  BENCH_PLAN: 'unlimited',
};
const batchPaths = ['/odometer', '/location', '/battery', '/charge', '/security', '/vin', '/', '/charge/limit', '/battery/nominal_capacity', '/tires/pressure'];

interface Side {
  readonly label: string;
  readonly server: ServerProcess;
  readonly load: Omit<LoadOptions, 'connections' | 'seconds'>;
  /** Work items per request (paths per batch), so throughput compares like with like. */
  readonly itemsPerRequest?: number;
  readonly unit?: string;
}

interface Goal {
  readonly text: string;
  readonly met: (baseline: LoadResult, subject: LoadResult, ratio: number) => boolean;
}

const load = (side: Side, runSeconds: number): Promise<LoadResult> => runLoad({ ...side.load, connections, seconds: runSeconds });

/** One measured run, with the CPU time the side's server spent on it. */
async function measuredRun(side: Side): Promise<{ result: LoadResult; cpuMicros: number }> {
  const before = await side.server.cpuMicros();
  const result = await load(side, seconds);
  return { result, cpuMicros: (await side.server.cpuMicros()) - before };
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** Server CPU time per request (per path for a batch), microseconds. */
function cpuPerItem(side: Side, result: LoadResult, cpuMicros: number): number {
  return cpuMicros / Math.max(1, result.requests * (side.itemsPerRequest ?? 1));
}

function row(side: Side, result: LoadResult, cpuMicros: number): string {
  const items = side.itemsPerRequest ?? 1;
  const perSecond = `${Math.round(result.requestsPerSecond * items).toLocaleString('en-US')} ${side.unit ?? 'req/s'}`;
  const cpu = `${cpuPerItem(side, result, cpuMicros).toFixed(1)} us CPU/${items > 1 ? 'path' : 'req'}`;
  return `  ${side.label.padEnd(46)}${perSecond.padStart(16)}   p50 ${result.p50Ms.toFixed(2).padStart(6)} ms   p99 ${result.p99Ms.toFixed(2).padStart(6)} ms   ${cpu.padStart(20)}   failures ${result.failures}`;
}

/** Warms both sides, then alternates them `rounds` times (baseline first on odd rounds) and prints the case. */
async function measureCase(title: string, baseline: Side, subject: Side, goals: readonly Goal[]): Promise<void> {
  process.stdout.write(`\n${title}\n  ${connections} connections, ${rounds} × ${seconds} s per side, alternating; load average before: ${loadAverage()}\n`);
  await load(baseline, 1);
  await load(subject, 1);
  const baselineRuns: LoadResult[] = [];
  const subjectRuns: LoadResult[] = [];
  let baselineCpu = 0;
  let subjectCpu = 0;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline];
    for (const side of order) {
      const { result, cpuMicros } = await measuredRun(side);
      if (side === baseline) {
        baselineRuns.push(result);
        baselineCpu += cpuMicros;
      } else {
        subjectRuns.push(result);
        subjectCpu += cpuMicros;
      }
    }
  }
  const base = combine(baselineRuns);
  const measured = combine(subjectRuns);
  const ratio = (measured.requestsPerSecond * (subject.itemsPerRequest ?? 1)) / (base.requestsPerSecond * (baseline.itemsPerRequest ?? 1));
  // What the throughput ratio would be if each server had a core to itself: other jobs on the
  // machine skew requests per second, far less the CPU each request costs.
  const cpuRatio = cpuPerItem(baseline, base, baselineCpu) / cpuPerItem(subject, measured, subjectCpu);
  process.stdout.write(`${row(baseline, base, baselineCpu)}  (baseline)\n${row(subject, measured, subjectCpu)}\n`);
  process.stdout.write(`  ratio ${ratio.toFixed(2)} (by CPU per ${subject.itemsPerRequest === undefined ? 'request' : 'path'}: ${cpuRatio.toFixed(2)}); load average after: ${loadAverage()}\n`);
  for (const goal of goals) process.stdout.write(`  goal ${goal.text}: ${goal.met(base, measured, ratio) ? 'PASS' : 'FAIL'}\n`);
}

const p99Goal: Goal = { text: `p99 <= 5 ms at ${connections} connections`, met: (_base, measured) => measured.p99Ms <= 5 };

function bearer(server: ServerProcess): Record<string, string> {
  return { authorization: `Bearer ${server.accessToken ?? ''}` };
}

function odometerSide(label: string, server: ServerProcess): Side {
  return { label, server, load: { url: `${server.url}/v2.0/vehicles/${server.vehicleId ?? ''}/odometer`, headers: bearer(server) } };
}

function countRequestLines(logFile: string): number {
  return readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('"msg":"request completed"')).length;
}

async function readAndBatchCases(workDir: string): Promise<void> {
  const logFile = join(workDir, 'carport.log');
  const bare = await startServerProcess('bare.ts', {});
  const carport = await startServerProcess('carport.ts', { ...carportEnv, CARPORT_DATA_DIR: workDir }, logFile);
  try {
    const single = odometerSide('Carport GET /odometer (auth, limits, read)', carport);
    if (selected.includes('read')) {
      await measureCase('Read path: Carport against a bare Fastify route', { label: 'bare Fastify GET /odometer', server: bare, load: { url: `${bare.url}/odometer` } }, single, [
        { text: '>= 0.50 of the bare route (aim 0.70)', met: (_base, _measured, ratio) => ratio >= 0.5 },
        p99Goal,
      ]);
    }
    if (selected.includes('batch')) {
      const batch: Side = {
        label: 'Carport POST /batch of 10 paths',
        server: carport,
        load: { url: `${carport.url}/v2.0/vehicles/${carport.vehicleId ?? ''}/batch`, method: 'POST', headers: { ...bearer(carport), 'content-type': 'application/json' }, body: JSON.stringify({ requests: batchPaths.map((path) => ({ path })) }) },
        itemsPerRequest: 10,
        unit: 'paths/s',
      };
      await measureCase('Batch: 10 paths per request against single reads', { ...single, unit: 'paths/s' }, batch, [{ text: '>= 4x the paths per second of single reads', met: (_base, _measured, ratio) => ratio >= 4 }]);
    }
  } finally {
    await Promise.all([bare.stop(), carport.stop()]);
  }
  process.stdout.write(`  (Carport wrote ${countRequestLines(logFile).toLocaleString('en-US')} request log lines, flushed before it exited)\n`);
}

/** One and two Carport processes (cluster workers) on one PostgreSQL database and one Redis key prefix. */
async function scaleOutCase(): Promise<void> {
  const database = `carport_bench_${randomUUID().replaceAll('-', '')}`;
  const prefix = `carport-bench-${randomUUID()}:`;
  const admin = new pg.Client({ connectionString: `${postgresUrl}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const env = { ...carportEnv, DATABASE_URL: `${postgresUrl}/${database}`, REDIS_URL: redisUrl, CARPORT_REDIS_KEY_PREFIX: prefix };
  const servers: ServerProcess[] = [];
  try {
    // One after the other: both migrate the same database on start.
    servers.push(await startServerProcess('carport.ts', { ...env, BENCH_WORKERS: '1' }));
    servers.push(await startServerProcess('carport.ts', { ...env, BENCH_WORKERS: '2' }));
    const [one, two] = servers;
    if (one === undefined || two === undefined) throw new Error('the Carport clusters did not start');
    await measureCase('Scale-out: two Carport processes against one (PostgreSQL, Redis counters, cluster module)', odometerSide('1 process GET /odometer', one), odometerSide('2 processes GET /odometer', two), [
      { text: '>= 1.6x with twice the processes (near-linear)', met: (_base, _measured, ratio) => ratio >= 1.6 },
    ]);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

process.stdout.write(`Vehicle API benchmark (autocannon ${connections} connections; servers in child processes; Node ${process.version})\n`);
const workDir = mkdtempSync(join(tmpdir(), 'carport-bench-'));
try {
  if (selected.includes('read') || selected.includes('batch')) await readAndBatchCases(workDir);
  if (selected.includes('scale')) await scaleOutCase();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
