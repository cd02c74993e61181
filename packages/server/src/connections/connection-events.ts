/**
 * @module The events a connection revocation announces, owned by the services of one app (not a
 * module-level emitter, so two apps in one process never hear each other). Parts that must follow a
 * revocation (webhook subscriptions, plan standing) subscribe here instead of each revoking path
 * calling them, which is how the paths came to differ.
 */
import type { GrantRevocationReason } from '../catalog/revocation-reasons.js';
import type { ConnectionRecord, Repositories } from '../store/index.js';

/** One revocation: the grants it ended (at least one) and the catalog reason recorded on each. */
export interface ConnectionsRevoked {
  readonly reason: GrantRevocationReason;
  readonly connections: readonly ConnectionRecord[];
}

/**
 * Told inside the revoking transaction, with its repositories: what it writes commits together with
 * the revocation, and if it throws, nothing is revoked.
 */
export type RevokingListener = (repositories: Repositories, event: ConnectionsRevoked) => Promise<void>;

/** Told after the revocation committed: for what lives outside the database (in-process caches). */
export type RevokedListener = (event: ConnectionsRevoked) => Promise<void> | void;

/** Subscriptions to revocations, and the two moments they are told. */
export class ConnectionEvents {
  readonly #revoking: RevokingListener[] = [];
  readonly #revoked: RevokedListener[] = [];
  readonly #onRevokedListenerError: (error: unknown, event: ConnectionsRevoked) => void;

  /** `onRevokedListenerError` hears a failing after-commit listener: the revocation stands regardless. */
  constructor(onRevokedListenerError: (error: unknown, event: ConnectionsRevoked) => void) {
    this.#onRevokedListenerError = onRevokedListenerError;
  }

  /** Subscribes inside the transaction; returns the unsubscribe function. */
  onRevoking(listener: RevokingListener): () => void {
    return subscribe(this.#revoking, listener);
  }

  /** Subscribes after commit; returns the unsubscribe function. */
  onRevoked(listener: RevokedListener): () => void {
    return subscribe(this.#revoked, listener);
  }

  /** Tells the in-transaction listeners, in subscription order; the first failure propagates (and rolls back). */
  async revoking(repositories: Repositories, event: ConnectionsRevoked): Promise<void> {
    for (const listener of [...this.#revoking]) await listener(repositories, event);
  }

  /** Tells the after-commit listeners; each failure is reported and the others are still told. */
  async revoked(event: ConnectionsRevoked): Promise<void> {
    for (const listener of [...this.#revoked]) {
      try {
        await listener(event);
      } catch (error) {
        this.#onRevokedListenerError(error, event);
      }
    }
  }
}

function subscribe<L>(listeners: L[], listener: L): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}
