/** @module Names the timeline's actors for people: dashboard accounts by their email; other surfaces (CLI, admin API) as recorded. */
import type { Repositories, TimelineEntry } from '../../store/index.js';

/** Each actor of `timeline` as the page shows it, e.g. `operator:<id>` → `olga@example.com (operator)`. */
export async function actorNames(repositories: Repositories, timeline: readonly TimelineEntry[]): Promise<ReadonlyMap<string, string>> {
  const names = new Map<string, string>();
  for (const actor of new Set(timeline.map((entry) => entry.actor))) {
    const match = /^(developer|operator):(.+)$/.exec(actor);
    const account = match?.[2] === undefined ? null : await repositories.developerAccounts.findById(match[2]);
    names.set(actor, account === null ? actor : `${account.email} (${match?.[1] ?? ''})`);
  }
  return names;
}
