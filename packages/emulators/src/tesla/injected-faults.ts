/** @module Faults a test injects into the emulated Fleet API, each answering the next requests instead of the vehicle. */

/** What the cloud answers instead of the vehicle. */
export type InjectedFault =
  | { readonly kind: 'rate_limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'asleep' }
  | { readonly kind: 'server_error'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'unauthorized' };

export const faultKinds = ['rate_limit', 'asleep', 'server_error', 'garbage', 'slow', 'unauthorized'] as const;

/** A queue of faults, each spent by the Fleet API request it answers. */
export class InjectedFaults {
  readonly #queue: InjectedFault[] = [];

  /** Answers the next `times` Fleet API requests with `fault`. */
  inject(fault: InjectedFault, times = 1): void {
    for (let index = 0; index < times; index++) this.#queue.push(fault);
  }

  next(): InjectedFault | undefined {
    return this.#queue.shift();
  }

  clear(): void {
    this.#queue.length = 0;
  }

  get pending(): number {
    return this.#queue.length;
  }
}

/** Reads a fault posted to the control API; undefined when malformed. */
export function parseFault(value: unknown): InjectedFault | undefined {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  const fields = value as Record<string, unknown>;
  switch (fields.kind) {
    case 'rate_limit':
      return { kind: 'rate_limit', retryAfterSeconds: typeof fields.retryAfterSeconds === 'number' ? fields.retryAfterSeconds : 60 };
    case 'server_error':
      return { kind: 'server_error', status: fields.status === 500 || fields.status === 502 || fields.status === 504 ? fields.status : 503 };
    case 'slow':
      return { kind: 'slow', delayMs: typeof fields.delayMs === 'number' ? fields.delayMs : 30_000 };
    case 'asleep':
    case 'garbage':
    case 'unauthorized':
      return { kind: fields.kind };
    default:
      return undefined;
  }
}
