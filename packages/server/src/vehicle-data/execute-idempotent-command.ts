/** @module The command path under an `Idempotency-Key`: a key runs its command once per application, and answers retries of the same request with the first answer. */
import type { CatalogEndpoint } from '../catalog/endpoints/index.js';
import { ConstraintViolationError, type ConnectionRecord, type IdempotencyClaim, type RememberedAnswer } from '../store/index.js';
import { executeVehicleCommand, type CommandInput, type CommandOutcome } from './execute-vehicle-command.js';
import type { VehicleDataServices } from './vehicle-data-services.js';

/** A key answers retries for a day, as the issue asks. */
const idempotencyTtlSeconds = 24 * 60 * 60;

/** The key a client sent, and what identifies its request (the same key for another request is refused). */
export interface IdempotencyKey {
  readonly key: string;
  readonly fingerprint: string;
}

/**
 * A command's outcome, or what its key came to: `replayed` answers the key's first answer again,
 * `key-reused` a key sent before with another request, `key-in-progress` a key whose first request is
 * still running, `application-gone` a caller whose application was deleted after its credential was
 * checked (the key cannot be remembered for an application that no longer exists).
 */
export type IdempotentCommandOutcome =
  | CommandOutcome
  | { readonly kind: 'replayed'; readonly answer: RememberedAnswer }
  | { readonly kind: 'key-reused' }
  | { readonly kind: 'key-in-progress' }
  | { readonly kind: 'application-gone' };

/**
 * Runs the command once for `idempotency.key` in the connection's application. A refused or failed
 * command changed nothing on the vehicle, so its key is released and a retry may send it again.
 */
export async function executeIdempotentCommand(
  context: Pick<VehicleDataServices, 'repositories' | 'providers'>,
  connection: ConnectionRecord,
  endpoint: CatalogEndpoint,
  input: CommandInput,
  idempotency: IdempotencyKey,
): Promise<IdempotentCommandOutcome> {
  const { idempotency: keys } = context.repositories;
  const { applicationId } = connection;
  let claim: IdempotencyClaim;
  try {
    claim = await keys.claim(applicationId, idempotency.key, idempotency.fingerprint, idempotencyTtlSeconds);
  } catch (error) {
    // The key's row references the application: only the application's deletion can leave it dangling.
    if (error instanceof ConstraintViolationError && error.kind === 'foreign_key') return { kind: 'application-gone' };
    throw error;
  }
  switch (claim.status) {
    case 'replay':
      return { kind: 'replayed', answer: claim.answer };
    case 'mismatch':
      return { kind: 'key-reused' };
    case 'in_progress':
      return { kind: 'key-in-progress' };
    case 'claimed':
      break;
    default:
      return claim satisfies never;
  }
  let outcome: CommandOutcome;
  try {
    outcome = await executeVehicleCommand(context, connection, endpoint, input);
  } catch (error) {
    await keys.release(applicationId, idempotency.key);
    throw error;
  }
  // Only a success is remembered; its stored status is the one every success is answered with.
  if (outcome.kind === 'executed') await keys.complete(applicationId, idempotency.key, { statusCode: 200, body: outcome.body });
  else await keys.release(applicationId, idempotency.key);
  return outcome;
}
