/** @module What the read and command paths work with; the process's services provide each, so this part never reaches up to the composition root. */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.js';
import type { Limiter } from '../limits/limiter.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { Repositories } from '../store/index.js';

export interface VehicleDataServices {
  readonly config: Config;
  readonly repositories: Repositories;
  readonly providers: ProviderRegistry;
  readonly logger: Logger;
  /** Only the plan is read here; the HTTP layer counts requests before the read path runs. */
  readonly limiter: Pick<Limiter, 'planOf'>;
  readonly now: () => Date;
}
