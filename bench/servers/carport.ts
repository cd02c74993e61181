/**
 * @module Carport as `carport serve` runs it, in a process of its own: settings from the environment
 * (the benchmark sets only what it must), then a vehicle connected to an application on the
 * benchmark's plan. With `BENCH_WORKERS` set, that many processes serve one port through Node's
 * cluster module (the primary only creates the grant and hands connections round-robin to them).
 */
import cluster from 'node:cluster';
import { createServices, installShutdownHandlers, launchServer, loadConfig } from '@carport/server';
import { benchmarkGrant } from '../benchmark-grant.js';
import type { ServerReady } from '../server-process.js';
import { answerCpuQuestions } from './cpu-report.js';

const workers = Number(process.env.BENCH_WORKERS ?? 0);
const plan = process.env.BENCH_PLAN ?? 'free';

async function serve(): Promise<void> {
  const server = await launchServer({ env: process.env });
  installShutdownHandlers(server, server.app.carport.config);
  if (workers > 0) {
    process.send?.({ url: server.address } satisfies ServerReady);
    return;
  }
  const grant = await benchmarkGrant(server.app.carport, plan);
  process.send?.({ url: server.address, accessToken: grant.accessToken, vehicleId: grant.vehicleId } satisfies ServerReady);
}

async function serveInCluster(): Promise<void> {
  // The grant is made before any worker starts, so all of them read it from the shared database.
  const services = await createServices(loadConfig({ env: process.env }));
  const grant = await benchmarkGrant(services, plan);
  await services.close();
  const started = Array.from({ length: workers }, () => {
    const worker = cluster.fork();
    return new Promise<string>((resolve) => worker.once('message', (message: ServerReady) => { resolve(message.url); }));
  });
  const [url = ''] = await Promise.all(started);
  process.send?.({ url, accessToken: grant.accessToken, vehicleId: grant.vehicleId } satisfies ServerReady);
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  });
}

answerCpuQuestions();
if (workers > 0 && cluster.isPrimary) await serveInCluster();
else await serve();
