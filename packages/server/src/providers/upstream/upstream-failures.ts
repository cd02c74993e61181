/**
 * @module How a manufacturer's failures are told apart by the upstream machinery: an outage
 * (5xx, timeout, refused connection) is worth retrying and counts against the circuit breaker; a
 * request the manufacturer provably never received may be retried even when it was a command.
 */
import { VehicleError } from '../vehicle-provider.js';

/**
 * The manufacturer never received the request (the connection was refused), so it cannot have
 * carried it out: the one outage a command may be retried after.
 */
export class UpstreamNotReached extends VehicleError<'UPSTREAM'> {
  constructor(message: string) {
    super('UPSTREAM', 'NO_RESPONSE', { message });
    this.name = 'UpstreamNotReached';
  }
}

/** A failure of the manufacturer's cloud itself, as opposed to an answer about the vehicle or the account. */
export function isUpstreamOutage(error: unknown): boolean {
  return error instanceof VehicleError && error.type === 'UPSTREAM' && (error.code === 'NO_RESPONSE' || error.code === 'UNKNOWN_ISSUE');
}

/** Whether a refused connection (no byte reached the manufacturer) caused `error`, from fetch's error chain. */
export function isConnectionRefused(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if ('code' in current && current.code === 'ECONNREFUSED') return true;
    current = current.cause;
  }
  return false;
}
