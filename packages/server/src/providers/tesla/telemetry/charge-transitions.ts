/**
 * @module Charging events from streamed `DetailedChargeState` (or the older `ChargeState`) changes:
 * into charging is CHARGING_STARTED; out of it to complete is CHARGING_COMPLETED, to anything else
 * CHARGING_STOPPED. The first value seen for a vehicle raises nothing: it is no change.
 */
import type { VehicleEventType } from '../../../catalog/webhook-vocabulary.js';

/** Streamed fields that carry the charging state. */
export const chargeStateFields: readonly string[] = ['DetailedChargeState', 'ChargeState'];

type ChargePhase = 'charging' | 'complete' | 'idle';

function phaseOf(value: unknown): ChargePhase | null {
  if (typeof value !== 'string') return null;
  const word = value.replace(/^DetailedChargeState/, '');
  if (word === 'Charging' || word === 'Starting') return 'charging';
  if (word === 'Complete') return 'complete';
  if (word === 'Stopped' || word === 'Disconnected' || word === 'NoPower') return 'idle';
  return null;
}

/** The event a change of charging state raises, or null. */
export function chargeTransition(previous: unknown, next: unknown): VehicleEventType | null {
  const before = phaseOf(previous);
  const after = phaseOf(next);
  if (before === null || after === null || before === after) return null;
  if (after === 'charging') return 'CHARGING_STARTED';
  if (before !== 'charging') return null;
  return after === 'complete' ? 'CHARGING_COMPLETED' : 'CHARGING_STOPPED';
}
