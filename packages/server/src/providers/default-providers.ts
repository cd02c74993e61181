/** @module The providers a Carport process serves when the embedder brings none. */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import { ProviderRegistry } from './provider-registry.js';

export interface DefaultProviderOptions {
  readonly config: Config;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** The default registry. The simulated fleet registers here once it exists (issue 3). */
export function createDefaultProviders(_options: DefaultProviderOptions): ProviderRegistry {
  return new ProviderRegistry();
}
