/**
 * @module Counters in Redis, shared by every Carport process: one Lua script checks and charges all
 * of a request's counters in one round trip, atomically, so no two processes over-admit.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ConsumeOutcome, CounterCheck, CounterState, CounterStore } from './counter-store.js';

/*
 * The same arithmetic as `bucketStep` and `quotaStep` (counter-store.ts); the tests run both stores
 * through one suite so the two cannot drift apart. Values are whole milliseconds and counts, which a
 * Lua double holds exactly.
 * KEYS: one per check. ARGV: now, cost, then per check: kind ('b' bucket | 'q' quota), a, b where
 * a bucket has a = capacity, b = interval ms, and a quota a = limit, b = reset-at ms.
 * Returns {refused index (0-based, -1 when all charged), then remaining, resetMs, retryAfterMs per check}.
 */
const consumeScript = `
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local refused = -1
local out = {0}
local writes = {}
for i = 1, #KEYS do
  local kind = ARGV[3 * i]
  local a = tonumber(ARGV[3 * i + 1])
  local b = tonumber(ARGV[3 * i + 2])
  local stored = tonumber(redis.call('GET', KEYS[i]) or '0')
  local admitted, nextValue, remaining, resetMs, retryMs, ttl
  if kind == 'b' then
    local start = math.max(stored, now)
    local burst = a * b
    nextValue = start + cost * b
    admitted = nextValue - now <= burst
    local after = start
    if admitted then after = nextValue end
    remaining = math.max(0, math.floor((burst - (after - now)) / b))
    resetMs = after - now
    retryMs = 0
    if not admitted then retryMs = math.min(nextValue - now - burst, start - now) end
    ttl = nextValue - now
  else
    nextValue = stored + cost
    admitted = nextValue <= a
    local untilReset = math.max(0, b - now)
    local used = stored
    if admitted then used = nextValue end
    remaining = math.max(0, a - used)
    resetMs = untilReset
    retryMs = 0
    if not admitted then retryMs = untilReset end
    ttl = untilReset
  end
  if not admitted and refused < 0 then refused = i - 1 end
  writes[i] = {nextValue, math.max(1, ttl)}
  out[#out + 1] = remaining
  out[#out + 1] = resetMs
  out[#out + 1] = retryMs
end
if refused < 0 then
  for i = 1, #KEYS do
    redis.call('SET', KEYS[i], string.format('%.0f', writes[i][1]), 'PX', string.format('%.0f', writes[i][2]))
  end
end
out[1] = refused
return out
`;
const consumeScriptSha = createHash('sha1').update(consumeScript).digest('hex');

/** Options of {@link RedisCounterStore}. */
export interface RedisCounterStoreOptions {
  /** `redis://` or `rediss://` URL. */
  readonly url: string;
  /** Put before every key, so several deployments (or test runs) can share one Redis. */
  readonly keyPrefix: string;
  /** Told about connection errors (at most every 30 s, since reconnects repeat them). */
  readonly onError?: (error: Error) => void;
}

/** How long one round trip may take before the request is answered without counters. */
const COMMAND_TIMEOUT_MS = 1_000;
const ERROR_REPORT_INTERVAL_MS = 30_000;
/** While the circuit is open, how often a background ping asks whether Redis is back. */
const PROBE_INTERVAL_MS = 1_000;

/** Thrown at once while the circuit is open: no request waits for a Redis that is known to be away. */
export class CounterStoreUnavailableError extends Error {
  override readonly name = 'CounterStoreUnavailableError';
}

/** A {@link CounterStore} in Redis. */
export class RedisCounterStore implements CounterStore {
  readonly #redis: Redis;
  readonly #keyPrefix: string;
  /**
   * Circuit breaker: open after a failed round trip or a lost connection, so requests stop waiting
   * up to the command timeout each; a background ping closes it when Redis answers again.
   */
  #probe: NodeJS.Timeout | undefined;
  #connected: Promise<void> | undefined;

  constructor(options: RedisCounterStoreOptions) {
    this.#keyPrefix = options.keyPrefix;
    // One retry and a short timeout: a request must not hang while Redis is away.
    // No offline queue: while disconnected a command fails at once instead of waiting for a reconnect.
    this.#redis = new Redis(options.url, {
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
    });
    this.#redis.on('close', () => {
      this.#open();
    });
    let lastReport = 0;
    this.#redis.on('error', (error: Error) => {
      const now = Date.now();
      if (now - lastReport < ERROR_REPORT_INTERVAL_MS) return;
      lastReport = now;
      options.onError?.(error);
    });
  }

  health(): 'ok' | 'degraded' {
    return this.#probe === undefined && this.#redis.status === 'ready' ? 'ok' : 'degraded';
  }

  #open(): void {
    if (this.#probe !== undefined || this.#redis.status === 'end') return;
    this.#probe = setInterval(() => {
      this.#redis.ping().then(
        () => {
          this.#close();
        },
        () => undefined,
      );
    }, PROBE_INTERVAL_MS);
    this.#probe.unref();
  }

  #close(): void {
    clearInterval(this.#probe);
    this.#probe = undefined;
  }

  /** Resolves once the first connection is ready, or after the command timeout (requests right after start are counted too). */
  #firstConnection(): Promise<void> {
    this.#connected ??= new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, COMMAND_TIMEOUT_MS);
      timer.unref();
      this.#redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.#connected;
  }

  async consume(checks: readonly CounterCheck[], cost: number, nowMs: number): Promise<ConsumeOutcome> {
    if (this.#probe !== undefined) throw new CounterStoreUnavailableError('Redis is unavailable; the circuit is open');
    if (this.#redis.status === 'connecting' || this.#redis.status === 'connect') await this.#firstConnection();
    try {
      return await this.#consume(checks, cost, nowMs);
    } catch (error) {
      this.#open();
      throw error;
    }
  }

  async #consume(checks: readonly CounterCheck[], cost: number, nowMs: number): Promise<ConsumeOutcome> {
    const keys = checks.map((check) => `${this.#keyPrefix}${check.key}`);
    const args: (string | number)[] = [nowMs, cost];
    for (const check of checks) {
      if (check.kind === 'bucket') args.push('b', check.capacity, check.intervalMs);
      else args.push('q', check.limit, check.resetAtMs);
    }
    let reply: unknown;
    try {
      reply = await this.#redis.evalsha(consumeScriptSha, keys.length, ...keys, ...args);
    } catch (error) {
      // A restarted or flushed Redis has forgotten the script: send it once in full.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      reply = await this.#redis.eval(consumeScript, keys.length, ...keys, ...args);
    }
    return parseReply(reply, checks.length);
  }

  async close(): Promise<void> {
    this.#close();
    await this.#redis.quit().catch(() => {
      this.#redis.disconnect();
    });
  }
}

function parseReply(reply: unknown, count: number): ConsumeOutcome {
  const numbers: unknown[] = Array.isArray(reply) ? reply : [];
  if (numbers.length !== 1 + 3 * count || !numbers.every((item): item is number => typeof item === 'number')) {
    throw new Error('unexpected reply from the Redis limit script');
  }
  const states: CounterState[] = [];
  for (let index = 0; index < count; index += 1) {
    states.push({ remaining: numbers[1 + 3 * index] ?? 0, resetMs: numbers[2 + 3 * index] ?? 0, retryAfterMs: numbers[3 + 3 * index] ?? 0 });
  }
  return { refusedIndex: numbers[0] ?? -1, states };
}
