/** @module Faults a test injects into the emulated NIO open platform, each answering the next API requests instead of the vehicle. */

/** What the cloud answers instead of the vehicle. */
export type NioFault =
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'offline' }
  | { readonly kind: 'server_error'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'invalid_token' };

export const nioFaultKinds = ['rate_limit', 'offline', 'server_error', 'garbage', 'slow', 'invalid_token'] as const;

/**
 * Which requests a fault answers: vehicle data and commands, the change feed, or any. A client
 * polling the feed in the background would otherwise spend a fault meant for a read.
 */
export type NioFaultTarget = 'vehicle' | 'feed' | 'any';

export function isNioFaultTarget(value: unknown): value is NioFaultTarget {
  return value === 'vehicle' || value === 'feed' || value === 'any';
}

/** A queue of faults, each spent by the API request it answers. */
export class NioFaults {
  readonly #queue: { readonly fault: NioFault; readonly target: NioFaultTarget }[] = [];

  inject(fault: NioFault, times = 1, target: NioFaultTarget = 'any'): void {
    for (let index = 0; index < times; index++) this.#queue.push({ fault, target });
  }

  /** The first queued fault for a request of `kind`, taken off the queue. */
  next(kind: 'vehicle' | 'feed'): NioFault | undefined {
    const index = this.#queue.findIndex((queued) => queued.target === 'any' || queued.target === kind);
    return index < 0 ? undefined : this.#queue.splice(index, 1)[0]?.fault;
  }

  get pending(): number {
    return this.#queue.length;
  }
}

/** Reads a fault posted to the control API; undefined when malformed. */
export function parseNioFault(value: unknown): NioFault | undefined {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  const fields = value as Record<string, unknown>;
  switch (fields.kind) {
    case 'rate_limit':
      return { kind: 'rate_limit', retryAfterSeconds: typeof fields.retryAfterSeconds === 'number' ? fields.retryAfterSeconds : 60 };
    case 'server_error':
      return { kind: 'server_error', status: fields.status === 500 || fields.status === 502 || fields.status === 504 ? fields.status : 503 };
    case 'slow':
      return { kind: 'slow', delayMs: typeof fields.delayMs === 'number' ? fields.delayMs : 30_000 };
    case 'offline':
    case 'garbage':
    case 'invalid_token':
      return { kind: fields.kind };
    default:
      return undefined;
  }
}
