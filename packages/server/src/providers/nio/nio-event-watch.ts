/**
 * @module Polls NIO's change feed of the vehicles Carport asked about in this process (as the
 * simulator reports only those) every interval, within a request budget per vehicle, and hands the
 * events to the subscribed sinks, which put them into the webhook outbox. A vehicle is watched from
 * the feed's position when it was first seen, or from the time a restarted process resumes from.
 */
import type { PollBudget, VehicleEventSink } from '../contract/index.js';
import { VehicleError, type VehicleRef } from '../vehicle-provider.js';
import type { FeedPosition, NioChangeFeed } from './nio-change-feed.js';

export interface NioEventWatchOptions {
  readonly feed: NioChangeFeed;
  readonly budget: PollBudget;
  /** A failed poll (logged; the vehicle is polled again next time unless NIO no longer serves it). */
  readonly onError: (error: unknown, ref: VehicleRef) => void;
}

interface Watched {
  readonly ref: VehicleRef;
  /** Whose tokens read the feed (known before the vehicle is stored, while Connect lists it). */
  readonly ownerAccountId: string;
  position: FeedPosition;
}

const keyOf = (ref: VehicleRef): string => `${ref.mode}:${ref.providerVehicleId}`;

/** Failures after which polling the vehicle again only spends NIO's quota: the owner must act first. */
function ends(error: unknown): boolean {
  return error instanceof VehicleError && error.type === 'CONNECTED_SERVICES_ACCOUNT';
}

export class NioEventWatch {
  readonly #options: NioEventWatchOptions;
  readonly #sinks = new Set<VehicleEventSink>();
  readonly #watched = new Map<string, Watched>();
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> | undefined;
  #running = false;

  constructor(options: NioEventWatchOptions) {
    this.#options = options;
  }

  subscribe(sink: VehicleEventSink): () => void {
    this.#sinks.add(sink);
    return () => {
      this.#sinks.delete(sink);
    };
  }

  isWatching(ref: VehicleRef): boolean {
    return this.#watched.has(keyOf(ref));
  }

  /**
   * Watches a vehicle from `position`. From `now`, the feed's current cursor is fetched at once, so
   * an event right after this call is not missed.
   */
  async watch(ref: VehicleRef, ownerAccountId: string, position: FeedPosition): Promise<void> {
    if (position === 'now') {
      const { cursor } = await this.#options.feed.pollFrom(ref, 'now', { requests: 1, mayWake: false }, ownerAccountId);
      this.#watched.set(keyOf(ref), { ref, ownerAccountId, position: { cursor } });
      return;
    }
    this.#watched.set(keyOf(ref), { ref, ownerAccountId, position });
    await this.pollOnce(ref);
  }

  /** Polls one watched vehicle now and hands its new events to the sinks. */
  async pollOnce(ref: VehicleRef): Promise<void> {
    const watched = this.#watched.get(keyOf(ref));
    if (watched === undefined) return;
    try {
      const { events, cursor } = await this.#options.feed.pollFrom(ref, watched.position, this.#options.budget, watched.ownerAccountId);
      watched.position = { cursor };
      for (const event of events) for (const sink of this.#sinks) sink(event);
    } catch (error) {
      if (ends(error)) this.#watched.delete(keyOf(ref));
      this.#options.onError(error, ref);
    }
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#tick;
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#pollAll().finally(() => {
        this.#tick = undefined;
        this.#schedule();
      });
    }, this.#options.feed.minimumIntervalMs);
    // Polling alone never keeps a process alive.
    this.#timer.unref();
  }

  async #pollAll(): Promise<void> {
    for (const watched of [...this.#watched.values()]) {
      if (!this.#running) return;
      await this.pollOnce(watched.ref);
    }
  }
}
