/**
 * @module The daily budgets per vehicle Carport keeps for NIO's Vehicle API, enforced by the shared
 * upstream budgets before a request reaches NIO. NIO publishes no quota (its data packages say what
 * may be read, not how often), so these are Carport's own conservative choices, to be replaced by
 * NIO's figures once the partner agreement states them:
 * - data 4000: the change feed polled every 30 seconds (`CARPORT_NIO_POLL_INTERVAL_MS`'s default)
 *   spends up to 2880 a day, which leaves about a thousand reads, one request per resource;
 * - commands 100: charging started and stopped, far more often than any owner does;
 * - wakes 0: NIO's cloud answers from the car's last report and offers no wake-up, so Carport
 *   never wakes a NIO.
 */
import type { DailyBudget } from '../upstream/index.js';

export const nioDailyBudget: DailyBudget = { data: 4000, commands: 100, wakes: 0 };
