/** @module Runs the server: build, first-start demo application, listen, and a draining shutdown on SIGTERM. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/load-config.js';
import { buildApp, type BuildAppOptions } from '../http/build-app.js';
import { DEVELOPMENT_PLAN } from '../limits/plans.js';
import { ensureDemoApplication, formatDemoBanner, formatDemoScopeNotice, moveDemoApplicationToDevelopmentPlan, refreshDemoApplicationScope } from './demo-application.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  /** The URL the server actually listens on (useful with `PORT=0`). */
  readonly address: string;
}

/** Output channels, injectable so tests can read what a new user would see. */
export interface ServerOutput {
  /** Where the one-time demo credentials go (standard output by default). */
  readonly print: (text: string) => void;
  /** Where loud development warnings go (standard error by default). */
  readonly warn: (text: string) => void;
}

const defaultOutput: ServerOutput = {
  print: (text) => process.stdout.write(`${text}\n`),
  warn: (text) => process.stderr.write(`\n!!! WARNING: ${text}\n\n`),
};

/** Builds the app, creates the demo application on first start, and starts listening. */
export async function startServer(config: Config, options: BuildAppOptions = {}, output: ServerOutput = defaultOutput): Promise<RunningServer> {
  const app = await buildApp(config, options);
  for (const warning of config.warnings) {
    output.warn(warning);
    app.log.warn({ setting: 'development-default' }, warning);
  }
  try {
    if (config.createDemoApplication) {
      const demo = await ensureDemoApplication(app.carport);
      if (demo !== undefined) output.print(formatDemoBanner(demo));
      const refreshed = demo === undefined ? await refreshDemoApplicationScope(app.carport) : undefined;
      if (refreshed !== undefined) output.print(formatDemoScopeNotice(refreshed));
      if (demo === undefined && (await moveDemoApplicationToDevelopmentPlan(app.carport))) {
        app.log.info({ plan: DEVELOPMENT_PLAN }, 'demo application moved to the development plan');
      }
    }
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info({ address, publicUrl: config.publicUrl }, 'carport listening');
    return { app, address };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests and background work
 * finish (bounded by `shutdownTimeoutMs`), close the database, then exit.
 */
export function installShutdownHandlers(server: RunningServer, config: Config, exit: (code: number) => void = (code) => process.exit(code)): void {
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    server.app.log.info({ signal }, 'shutting down: draining requests and background work');
    const timer = setTimeout(() => {
      server.app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting with work in flight');
      exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    server.app.close().then(
      () => {
        clearTimeout(timer);
        server.app.log.info('shutdown complete');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        server.app.log.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
