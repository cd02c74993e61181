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

/** Grants a consent created, told after it committed. */
export interface ConnectionsCreated {
  readonly connections: readonly ConnectionRecord[];
}

/** Told after a consent committed: for what follows a newly connected vehicle outside the database (a manufacturer's stream). */
export type ConnectedListener = (event: ConnectionsCreated) => Promise<void> | void;

/** Subscriptions to revocations, and the two moments they are told; and to new connections, after commit. */
export class ConnectionEvents {
  readonly #revoking: RevokingListener[] = [];
  readonly #revoked: RevokedListener[] = [];
  readonly #connected: ConnectedListener[] = [];
  readonly #onRevokedListenerError: (error: unknown, event: { readonly connections: readonly ConnectionRecord[] }) => void;

  /** `onRevokedListenerError` hears a failing after-commit listener: the revocation (or consent) stands regardless. */
  constructor(onRevokedListenerError: (error: unknown, event: { readonly connections: readonly ConnectionRecord[] }) => void) {
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

  /** Subscribes to committed consents; returns the unsubscribe function. */
  onConnected(listener: ConnectedListener): () => void {
    return subscribe(this.#connected, listener);
  }

  /** Tells the listeners of committed consents; a failure is reported (as a revoked listener's is) and the consent stands. */
  async connected(event: ConnectionsCreated): Promise<void> {
    for (const listener of [...this.#connected]) {
      try {
        await listener(event);
      } catch (error) {
        this.#onRevokedListenerError(error, event);
      }
    }
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
