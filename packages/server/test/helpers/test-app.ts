/** @module Builds an isolated app per test: in-memory SQLite, fixed secret key, captured log lines. */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import { buildApp, type BuildAppOptions } from '../../src/http/build-app.js';
import { createLogger } from '../../src/logging/logger.js';

export const testSecretKey = 'test-secret-key-that-is-long-enough-0123456789';

/** A configuration for tests: in-memory database unless `env` says otherwise. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    env: { DATABASE_URL: 'sqlite::memory:', CARPORT_SECRET_KEY: testSecretKey, PUBLIC_URL: 'http://carport.test', LOG_LEVEL: 'info', CARPORT_SIM_LATENCY_MS: '0', ...env },
  });
}

/** Log lines written while the app ran, parsed from pino's JSON. */
export class CapturedLog {
  readonly lines: Record<string, unknown>[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly log: CapturedLog;
}

/** Builds a fresh app; close it in `afterEach`. */
export async function buildTestApp(options: Omit<BuildAppOptions, 'logger'> & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const log = new CapturedLog();
  const app = await buildApp(testConfig(options.env), { ...options, logger: createLogger('info', log.stream) });
  return { app, log };
}

/** Matches a UUID v4. */
export const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A clock that moves one millisecond per reading, so records created in a row get distinct, ordered times. */
export function tickingClock(start = '2026-11-22T10:00:00.000Z'): () => Date {
  let current = Date.parse(start);
  return () => new Date(current++);
}
