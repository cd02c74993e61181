/**
 * @module Contract part: data and commands. The vehicles of a linked account, reads and commands,
 * all keyed by the endpoint catalog's ids.
 */
import type { CommandRequest, ProviderAccount, ProviderVehicle, ReadOutcome, ReadRequest, VehicleRef } from '../vehicle-provider.js';

/** How fresh the caller needs a read's data to be. */
export interface ReadFreshness {
  /**
   * The oldest data, in seconds, the caller accepts (`Carport-Max-Age`). A provider answers data
   * it already holds that is at most this old without asking the manufacturer; data it holds that
   * is older may make it wake a sleeping vehicle (within the wake budget). Undefined: the provider
   * asks the manufacturer, and a sleeping vehicle answers its last known data.
   */
  readonly maxAgeSeconds?: number;
}

/** Reads of a provider's vehicles. */
export interface VehicleData {
  /** The vehicles of a linked account (empty: Connect answers `no_vehicles`). */
  listVehicles(account: ProviderAccount): Promise<readonly ProviderVehicle[]>;

  /** One vehicle, or null when the provider no longer knows it. */
  getVehicle(ref: VehicleRef): Promise<ProviderVehicle | null>;

  /**
   * Reads several endpoints of one vehicle at once, answering in request order. Data several reads
   * share is fetched from the vehicle once (batch requests rely on this). An endpoint the vehicle
   * does not support answers `COMPATIBILITY`/`VEHICLE_NOT_CAPABLE`; a sleeping vehicle answers with
   * its last known data and that data's true, older `recordedAt`.
   */
  read(ref: VehicleRef, requests: readonly ReadRequest[], freshness?: ReadFreshness): Promise<readonly ReadOutcome[]>;
}

/** Commands to a provider's vehicles. */
export interface VehicleCommands {
  /**
   * Carries out a command and resolves with the endpoint's success body, or rejects with a
   * `VehicleError` where a real vehicle would refuse (e.g. `VEHICLE_STATE`/`IN_MOTION`). A later
   * read shows the command's effect.
   */
  execute(ref: VehicleRef, command: CommandRequest): Promise<unknown>;

  /**
   * Optional: records the battery capacity the owner picked (or entered) in Connect, in kWh; later
   * Battery Capacity reads answer it as `USER_SELECTED`. Without it, Battery Capacity offers no link.
   */
  selectNominalCapacity?(ref: VehicleRef, nominalKwh: number): Promise<void>;
}
