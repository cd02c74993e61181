/**
 * @module The simulated provider's dispatch tables: every endpoint's read or command handler by
 * endpoint id, and each make's extra behaviour by make id. The only place a make selects code.
 */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { coreCommands } from '../core-commands.js';
import { coreReads } from '../core-reads.js';
import type { CommandHandler, ProviderMakeBehaviour, ReadHandler } from '../vehicle-context.js';
import { audiReads } from './audi.js';
import { chargeRecordReads } from './charge-records.js';
import { fordBehaviour, fordCommands, fordReads } from './ford.js';
import { gmBehaviour, gmReads } from './gm.js';
import { nioReads } from './nio.js';
import { nissanBehaviour, nissanCommands, nissanReads } from './nissan.js';
import { stellantisEuropeBehaviour } from './stellantis.js';
import { teslaChargeReads } from './tesla-charge-reads.js';
import { teslaCommands } from './tesla-commands.js';
import { teslaBehaviour } from './tesla-integration.js';
import { teslaReads } from './tesla-reads.js';

/** Read handlers by endpoint id. */
export const readHandlers: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  ...coreReads,
  ...audiReads,
  ...chargeRecordReads,
  ...fordReads,
  ...gmReads,
  ...nioReads,
  ...nissanReads,
  ...teslaReads,
  ...teslaChargeReads,
};

/** Command handlers by endpoint id. */
export const commandHandlers: Readonly<Partial<Record<EndpointId, CommandHandler>>> = {
  ...coreCommands,
  ...fordCommands,
  ...nissanCommands,
  ...teslaCommands,
};

/** Make behaviours by make id. */
export const makeBehaviours: Readonly<Record<string, ProviderMakeBehaviour>> = {
  BUICK: gmBehaviour,
  CADILLAC: gmBehaviour,
  CHEVROLET: gmBehaviour,
  GMC: gmBehaviour,
  FORD: fordBehaviour,
  LINCOLN: fordBehaviour,
  NISSAN: nissanBehaviour,
  TESLA: teslaBehaviour,
  CITROEN: stellantisEuropeBehaviour,
  DS: stellantisEuropeBehaviour,
  OPEL: stellantisEuropeBehaviour,
  PEUGEOT: stellantisEuropeBehaviour,
  VAUXHALL: stellantisEuropeBehaviour,
};
