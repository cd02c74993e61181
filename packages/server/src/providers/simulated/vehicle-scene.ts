/**
 * @module What the simulated vehicle's state says about the requests it refuses: doors, hood and
 * trunk open, the ignition on, a charge running, a service visit. In live and simulated modes the
 * vehicle's own life (trips, shopping stops, service visits) sets the scene. Connect's test mode
 * answers supported requests as a healthy vehicle would, so there only what an operator injected
 * (a physical fault) counts and the vehicle's own life refuses nothing.
 */
import { hasPhysicalFault, type VehicleReading } from '../../simulator/index.js';
import { VehicleError, type VehicleRef } from '../vehicle-provider.js';

/** The refusal-relevant facts about a vehicle at one request. */
export interface VehicleScene {
  readonly doorOpen: boolean;
  readonly trunkOpen: boolean;
  readonly hoodOpen: boolean;
  readonly ignitionOn: boolean;
  /** Charging now (a setting the make refuses to change mid-charge). */
  readonly charging: boolean;
  /** At the workshop for a service visit: offline. */
  readonly inService: boolean;
}

/** The scene of `reading` for a vehicle in `ref.mode`. */
export function sceneOf(ref: VehicleRef, reading: VehicleReading): VehicleScene {
  if (ref.mode === 'test') {
    const injected = (kind: 'door_open' | 'trunk_open' | 'hood_open' | 'ignition_on'): boolean => hasPhysicalFault(reading.state, kind, reading.time);
    return { doorOpen: injected('door_open'), trunkOpen: injected('trunk_open'), hoodOpen: injected('hood_open'), ignitionOn: injected('ignition_on'), charging: false, inService: false };
  }
  const openings = reading.openings();
  return {
    doorOpen: Object.values(openings.doors).includes('OPEN'),
    trunkOpen: openings.rearStorage === 'OPEN',
    hoodOpen: openings.hood === 'OPEN',
    ignitionOn: reading.ignitionOn,
    charging: reading.state.charging,
    inService: reading.inService,
  };
}

/**
 * Why a vehicle refuses a remote lock or unlock: nothing is done to a vehicle that is switched on
 * (someone is in it), and it will not lock with a door, the trunk or the hood open.
 */
export function lockRefusal(scene: VehicleScene, lock: boolean): VehicleError | null {
  if (scene.ignitionOn) return new VehicleError('VEHICLE_STATE', 'IGNITION_ON', { message: 'The ignition is on.' });
  if (!lock) return null;
  if (scene.doorOpen) return new VehicleError('VEHICLE_STATE', 'DOOR_OPEN', { message: 'A door is open.' });
  if (scene.trunkOpen) return new VehicleError('VEHICLE_STATE', 'TRUNK_OPEN', { message: 'The trunk is open.' });
  if (scene.hoodOpen) return new VehicleError('VEHICLE_STATE', 'HOOD_OPEN', { message: 'The hood is open.' });
  return null;
}
