/**
 * @module NIO's change feed (`GET /api/v1/vehicles/{id}/events`) as the contract's polled event
 * source: pages of events after a cursor, mapped to the catalog's event types, within a request
 * budget. The event ids are NIO's, so the same event polled twice (a restart, two processes) is
 * delivered once.
 */
import type { VehicleEventType } from '../../catalog/webhook-vocabulary.js';
import type { PollBudget, PolledEvents } from '../contract/index.js';
import type { VehicleEvent, VehicleRef } from '../vehicle-provider.js';
import { nioInvalidData } from './nio-result-codes.js';

const eventTypes: Readonly<Record<string, VehicleEventType>> = {
  charging_started: 'CHARGING_STARTED',
  charging_stopped: 'CHARGING_STOPPED',
  charging_completed: 'CHARGING_COMPLETED',
};

/** Where a page starts: after a cursor, after a time (epoch milliseconds), or from now on. */
export type FeedPosition = { readonly cursor: string } | { readonly since: Date } | 'now';

/** One page of the feed as the API's `data` holds it, checked and mapped. */
export interface FeedPage {
  readonly events: readonly VehicleEvent[];
  readonly nextCursor: string;
  readonly hasMore: boolean;
}

/** The query of a page request. */
export function feedQuery(position: FeedPosition): string {
  if (position === 'now') return '';
  return `?${new URLSearchParams('cursor' in position ? { cursor: position.cursor } : { since: String(position.since.getTime()) }).toString()}`;
}

/** Maps a page's `data`; event types Carport has no word for are skipped, as a webhook could not name them. */
export function feedPageOf(ref: VehicleRef, data: unknown): FeedPage {
  if (typeof data !== 'object' || data === null) throw nioInvalidData('the event page is not an object');
  const page = data as Record<string, unknown>;
  if (!Array.isArray(page.events) || typeof page.next_cursor !== 'string') throw nioInvalidData('the event page lacks events or next_cursor');
  const events: VehicleEvent[] = [];
  for (const entry of page.events as unknown[]) {
    if (typeof entry !== 'object' || entry === null) throw nioInvalidData('an event is not an object');
    const fields = entry as Record<string, unknown>;
    if (typeof fields.event_id !== 'string' || typeof fields.event_type !== 'string' || typeof fields.sample_time !== 'number') throw nioInvalidData('an event lacks event_id, event_type or sample_time');
    const type = eventTypes[fields.event_type];
    if (type === undefined) continue;
    const data = typeof fields.user_soc === 'number' ? { stateOfCharge: Math.round(fields.user_soc * 10) / 1000 } : {};
    events.push({ eventId: fields.event_id, ref, type, occurredAt: new Date(fields.sample_time), data });
  }
  return { events, nextCursor: page.next_cursor, hasMore: page.has_more === true };
}

/** Fetches one page of a vehicle's feed with its owner's tokens (null: the owner the store names). */
export type FeedPageFetcher = (ref: VehicleRef, position: FeedPosition, ownerAccountId: string | null) => Promise<FeedPage>;

/** Polls the feed through `fetchPage` (one authorized API request per page). */
export class NioChangeFeed implements PolledEvents {
  readonly minimumIntervalMs: number;
  readonly #fetchPage: FeedPageFetcher;

  constructor(minimumIntervalMs: number, fetchPage: FeedPageFetcher) {
    this.minimumIntervalMs = minimumIntervalMs;
    this.#fetchPage = fetchPage;
  }

  /** Reading the feed never wakes the car (NIO answers it from the cloud), so `mayWake` changes nothing. */
  async poll(ref: VehicleRef, cursor: string | null, budget: PollBudget): Promise<{ readonly events: readonly VehicleEvent[]; readonly cursor: string }> {
    return this.pollFrom(ref, cursor === null ? 'now' : { cursor }, budget, null);
  }

  async pollFrom(ref: VehicleRef, position: FeedPosition, budget: PollBudget, ownerAccountId: string | null): Promise<{ readonly events: readonly VehicleEvent[]; readonly cursor: string }> {
    const events: VehicleEvent[] = [];
    let next = position;
    let cursor = typeof position === 'object' && 'cursor' in position ? position.cursor : '';
    // At least one request, or a poll could never move its cursor.
    for (let spent = 0; spent < Math.max(1, budget.requests); spent++) {
      const page = await this.#fetchPage(ref, next, ownerAccountId);
      events.push(...page.events);
      cursor = page.nextCursor;
      next = { cursor };
      if (!page.hasMore) break;
    }
    return { events, cursor };
  }
}
