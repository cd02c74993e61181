/**
 * @module The vehicle modes: how a vehicle was connected (a real account, Connect's test mode, or the
 * simulator). Declared once here; stores, providers, Connect, webhooks, schemas and the CLI import it.
 */
import { Type, type TLiteral, type TUnion, type StringOptions } from '@sinclair/typebox';

/** Every vehicle mode, in the order messages and schemas list them. */
export const vehicleModes = ['live', 'test', 'simulated'] as const;

/** How a vehicle was connected: a real account, Connect's test mode, or the simulator. */
export type VehicleMode = (typeof vehicleModes)[number];

/** True when `value` names a vehicle mode (for text from clients, flags and the store). */
export function isVehicleMode(value: unknown): value is VehicleMode {
  return vehicleModes.some((mode) => mode === value);
}

/** The schema of a mode field, described as the field needs. */
export function vehicleModeSchema(options?: StringOptions): TUnion<TLiteral<VehicleMode>[]> {
  return Type.Union(
    vehicleModes.map((mode) => Type.Literal(mode)),
    options,
  );
}
