/** @module What the engine reports while it advances a vehicle: the raw material of events, charge records and service history. */
import type { GeoPoint } from './geography.js';

/** Why a charge stopped before reaching its limit. */
export type ChargeStopReason = 'unplugged' | 'stopped' | 'schedule' | 'departed' | 'swapped';

/** A finished plug-in session, as charge records report it. */
export interface ChargeSessionRecord {
  readonly start: number;
  readonly end: number;
  readonly kind: 'AC' | 'DC';
  readonly isPublic: boolean;
  readonly location: GeoPoint;
  /** Energy drawn from the charger, kWh. */
  readonly deliveredKwh: number;
  /** Energy the battery gained from it, kWh (delivered minus losses). */
  readonly addedKwh: number;
  readonly startStateOfCharge: number;
  readonly endStateOfCharge: number;
}

/** One discrete change in a vehicle's course. */
export type Transition =
  | { readonly type: 'charging_started'; readonly time: number; readonly stateOfCharge: number }
  | { readonly type: 'charging_stopped'; readonly time: number; readonly stateOfCharge: number; readonly reason: ChargeStopReason }
  | { readonly type: 'charging_completed'; readonly time: number; readonly stateOfCharge: number }
  | { readonly type: 'plugged'; readonly time: number; readonly kind: 'AC' | 'DC'; readonly isPublic: boolean }
  | { readonly type: 'session_ended'; readonly time: number; readonly session: ChargeSessionRecord }
  | { readonly type: 'departed'; readonly time: number; readonly dayIndex: number; readonly trip: number }
  | { readonly type: 'arrived'; readonly time: number; readonly dayIndex: number; readonly trip: number }
  | { readonly type: 'outing_skipped'; readonly time: number; readonly dayIndex: number; readonly outing: number }
  | { readonly type: 'refueled'; readonly time: number; readonly liters: number }
  | { readonly type: 'battery_swapped'; readonly time: number; readonly batteryVariant: number; readonly stateOfCharge: number }
  | { readonly type: 'serviced'; readonly time: number; readonly odometerKm: number };

/** Receives transitions in the order they happen. */
export type TransitionSink = (transition: Transition) => void;
