/**
 * @module Runs the server: take the port, build, first-start demo application, serve, and a
 * draining shutdown on SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import { readSettings, resolveConfig, type Config, type ConfigSources } from '../config/load-config.js';
import { buildApp, type BuildAppOptions } from '../http/build-app.js';
import { serverTimeoutOptions } from '../http/server-timeouts.js';
import { databaseLocation, describeDatabaseLocation } from '../store/index.js';
import { ensureDemoApplication, formatDemoBanner, formatDemoNotice, moveDemoApplicationToDevelopmentPlan, refreshDemoApplication } from '../app/demo-application.js';
import { holdPort, type HeldPort } from '../http/held-port.js';
import { DEVELOPMENT_PLAN } from '../catalog/plans.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  /** The URL the server actually listens on (useful with `PORT=0`). */
  readonly address: string;
}

/** Output channels, injectable so tests can read what a new user would see. */
export interface ServerOutput {
  /** Where the database in use and the demo application go (standard output by default). */
  readonly print: (text: string) => void;
  /** Where loud development warnings go (standard error by default). */
  readonly warn: (text: string) => void;
}

const defaultOutput: ServerOutput = {
  print: (text) => process.stdout.write(`${text}\n`),
  warn: (text) => process.stderr.write(`\n!!! WARNING: ${text}\n\n`),
};

/**
 * What `carport serve` runs: validates the settings, takes the port, and only then writes anything
 * (the development key, the database, the demo application), so a start that cannot listen leaves
 * nothing behind and prints nothing but why.
 */
export async function launchServer(sources: ConfigSources, output: ServerOutput = defaultOutput): Promise<RunningServer> {
  const settings = readSettings(sources);
  const port = await holdPort(settings.port, settings.host, serverTimeoutOptions(settings));
  let config: Config;
  try {
    config = resolveConfig(settings);
  } catch (error) {
    await port.close();
    throw error;
  }
  return startServer(config, {}, output, port);
}

/**
 * Takes the port (unless `port` is already held), builds the app, creates the demo application on
 * first start, and serves.
 */
export async function startServer(config: Config, options: BuildAppOptions = {}, output: ServerOutput = defaultOutput, port?: HeldPort): Promise<RunningServer> {
  const held = port ?? (await holdPort(config.port, config.host, serverTimeoutOptions(config)));
  let app: FastifyInstance;
  try {
    app = await buildApp(config, { ...options, heldPort: held });
  } catch (error) {
    await held.close();
    throw error;
  }
  for (const warning of config.warnings) {
    output.warn(warning);
    app.log.warn({ setting: 'development-default' }, warning);
  }
  try {
    const database = describeDatabaseLocation(databaseLocation(config.databaseUrl, config.dataDir));
    output.print(`Carport is using the ${database}`);
    if (config.createDemoApplication) {
      const created = await ensureDemoApplication(app.carport);
      const notice = created === undefined ? await refreshDemoApplication(app.carport) : undefined;
      if (created !== undefined) output.print(formatDemoBanner(created));
      if (notice !== undefined) output.print(formatDemoNotice(notice));
      if (created === undefined && (await moveDemoApplicationToDevelopmentPlan(app.carport))) {
        app.log.info({ plan: DEVELOPMENT_PLAN }, 'demo application moved to the development plan');
      }
    }
    await app.ready();
    app.log.info({ address: held.address, publicUrl: config.publicUrl, database }, 'carport listening');
    return { app, address: held.address };
  } catch (error) {
    await app.close();
    await held.close();
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
