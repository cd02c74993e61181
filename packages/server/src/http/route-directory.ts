/**
 * @module Every route the app serves, by method and path pattern. A request no route answers consults it
 * to learn which methods the path does accept (a 405 with `Allow`) or which served path is one typo away.
 */
import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { distance } from 'fastest-levenshtein';

/** What the not-found handler asks about a URL no route answered. */
export interface RouteDirectory {
  /** The methods some route accepts for `path` (no query string), sorted; empty when none does. */
  allowedMethods(path: string): readonly string[];
  /** A served path for `method` within a few typos of `path`, with the caller's own ids kept; null when none is close. */
  nearestPath(method: string, path: string): string | null;
}

/** A pattern segment that matches any single segment (`:id`). */
type PatternSegment = { readonly literal: string } | { readonly parameter: true };

interface Pattern {
  readonly method: string;
  readonly segments: readonly PatternSegment[];
}

/** At most this many edits across a path's fixed segments still count as a typo worth suggesting. */
const maxSuggestionEdits = 3;

/**
 * Starts recording the routes registered on `app` from now on (call it before any route is added).
 * The router is Fastify's own (find-my-way), so a path matches here exactly when it would match there.
 */
export function recordRoutes(app: FastifyInstance): RouteDirectory {
  const router = FindMyWay({ ignoreTrailingSlash: true });
  const methods = new Set<string>();
  const patterns: Pattern[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      router.on(method as HTTPMethod, route.url, () => undefined);
      methods.add(method);
      // Static-file wildcards are not paths anyone types by hand; suggesting into them helps nobody.
      if (!route.url.includes('*')) patterns.push({ method, segments: parsePattern(route.url) });
    }
  });
  return {
    allowedMethods(path) {
      return [...methods].filter((method) => router.find(method as HTTPMethod, path) !== null).sort();
    },
    nearestPath(method, path) {
      const requested = splitPath(path);
      let best: { readonly path: string; readonly edits: number } | null = null;
      for (const pattern of patterns) {
        if (pattern.method !== method || pattern.segments.length !== requested.length) continue;
        const match = compare(pattern.segments, requested);
        if (match !== null && match.edits > 0 && (best === null || match.edits < best.edits)) best = match;
      }
      return best === null || best.edits > maxSuggestionEdits ? null : best.path;
    },
  };
}

function parsePattern(url: string): PatternSegment[] {
  return splitPath(url).map((segment) => (segment.startsWith(':') ? { parameter: true } : { literal: segment }));
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * The edits that turn the requested segments into the pattern's fixed ones, and the path they give
 * (parameters keep the caller's values). A fixed segment needing more edits than half its length is
 * a different word, not a typo.
 */
function compare(pattern: readonly PatternSegment[], requested: readonly string[]): { readonly path: string; readonly edits: number } | null {
  let edits = 0;
  const segments: string[] = [];
  for (const [index, segment] of pattern.entries()) {
    const given = requested[index] ?? '';
    if ('parameter' in segment) {
      segments.push(given);
      continue;
    }
    const cost = distance(segment.literal, given);
    if (cost * 2 > segment.literal.length) return null;
    edits += cost;
    segments.push(segment.literal);
  }
  return { path: `/${segments.join('/')}`, edits };
}
