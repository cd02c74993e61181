/**
 * @module The guides served under `/docs/guides/<slug>`: the repository's own Markdown (README and
 * `docs/*.md`), read from the checkout Carport runs from, so the pages say what the files say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carportCheckout } from '../../config/data-dir.js';

export interface GuideDefinition {
  readonly slug: string;
  /** Path of the Markdown file from the top of the checkout. */
  readonly file: string;
  readonly title: string;
  readonly summary: string;
  /** Sections of the guide worth a link of their own on the guide list (heading anchors). */
  readonly sections?: readonly { readonly anchor: string; readonly title: string }[];
}

export const guideDefinitions: readonly GuideDefinition[] = [
  {
    slug: 'getting-started',
    file: 'README.md',
    title: 'Getting started',
    summary: 'Start Carport, connect a simulated vehicle with Connect, exchange the code and call the API.',
    sections: [
      { anchor: 'five-minute-walkthrough', title: 'Five-minute walkthrough (Connect)' },
      { anchor: 'test-mode', title: 'Test mode' },
      { anchor: 'webhooks', title: 'Webhooks walkthrough' },
      { anchor: 'command-line', title: 'Command line' },
    ],
  },
  { slug: 'webhooks', file: 'docs/webhooks.md', title: 'Webhooks', summary: 'Create, verify and subscribe webhooks; signatures, retries and replay.' },
  { slug: 'limits', file: 'docs/limits.md', title: 'Limits and plans', summary: 'Plans, rate limits, their headers and how to lift them.' },
  { slug: 'errors', file: 'docs/errors.md', title: 'API errors', summary: 'Every error type and code, and why a credential was revoked.' },
  { slug: 'permissions', file: 'docs/permissions.md', title: 'Permissions and makes', summary: 'Data packages, permissions, and the makes of each region.' },
  { slug: 'configuration', file: 'docs/configuration.md', title: 'Configuration', summary: 'Every setting, its environment variable, flag and default.' },
  { slug: 'providers', file: 'docs/providers.md', title: 'Vehicle providers', summary: 'Connect real vehicles: the provider contract, the Tesla provider and its emulated cloud, adding a manufacturer.' },
  { slug: 'architecture', file: 'docs/architecture.md', title: 'Architecture', summary: 'How Carport is built: modules, storage, providers and the simulated fleet.' },
];

/** A guide with its Markdown. */
export interface Guide extends GuideDefinition {
  readonly markdown: string;
}

/** Read once per process: the checkout's Markdown does not change under a running server. */
const loaded = new Map<string, readonly Guide[]>();

/**
 * The guides whose files exist in the checkout; none when Carport runs outside a checkout (then
 * `/docs` lists no guides rather than links that answer 404).
 */
export function loadGuides(checkout: string | undefined = carportCheckout()): readonly Guide[] {
  if (checkout === undefined) return [];
  const cached = loaded.get(checkout);
  if (cached !== undefined) return cached;
  const guides = guideDefinitions.flatMap((definition) => {
    try {
      return [{ ...definition, markdown: readFileSync(join(checkout, definition.file), 'utf8') }];
    } catch {
      return [];
    }
  });
  loaded.set(checkout, guides);
  return guides;
}
