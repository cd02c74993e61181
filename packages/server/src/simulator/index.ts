/**
 * @module The deterministic fleet simulator: model catalog, VINs, seeded behaviour over time on an
 * injectable clock, interventions, events. It knows nothing of HTTP or of providers' wire formats.
 */
export { modelCapabilities, modelCapabilitiesAnywhere, unservedCapabilities } from './capabilities.js';
export { SimulationClock, type ClockAnchor } from './clock.js';
export { planDay, type DayPlan, type PlannedTrip } from './day-plan.js';
export { activeDtcs, dtcsBetween, systemStatuses, type DtcOccurrence, type SystemStatus } from './diagnostics.js';
export { eventIdOf, eventsBetween, type SimulatorEvent, type SimulatorEventType } from './events.js';
export { SimulatedFleet, SLEEP_AFTER_MS, type FleetOptions } from './fleet.js';
export { compassDirection, distanceKm, type City, type GeoPoint } from './geography.js';
export {
  FLEET_KEY, InMemoryInterventionLog, accountCodes, compareInterventions, faultInForce, faultKinds, isInterventionAction, isPhysicalFault, physicalFaultKinds, upstreamCodes,
  type ChargeSchedulePolicy, type ChargeWindow, type Fault, type FaultKind, type Intervention, type InterventionAction,
  type AccountCode, type InterventionKind, type InterventionLog, type PhysicalFaultKind, type UpstreamCode,
} from './interventions.js';
export { builtIn, burnsFuel, isPlugIn, modelCatalog, modelsOf, nioPacks, type BatteryVariant, type Powertrain, type VehicleModel } from './models/index.js';
export { AC_EFFICIENCY, DC_EFFICIENCY, electricConsumptionFactor, fuelConsumptionFactor } from './physics.js';
export { SERVICE_INTERVAL_DAYS, SERVICE_INTERVAL_KM, type Routine, type VehicleProfile, type VehicleSpec } from './profile.js';
export { hashString, mixSeeds, Random, randomFor } from './random.js';
export { SERVICE_VISIT_MS, VehicleReading, type ChargeReading } from './reading.js';
export type { Openings, OpenState } from './openings.js';
export { EventScheduler, type SchedulerOptions } from './scheduler.js';
export { hasPhysicalFault, type VehicleState } from './state.js';
export { DAY_MS, DURATION_FORMS, HOUR_MS, MAX_DURATION_MS, MAX_DURATION_TEXT, MINUTE_MS, WEEK_MS, localClockTime, localDayIndex, localDayStart, parseDuration, weekdayOf } from './time.js';
export type { ChargeSessionRecord, Transition } from './transitions.js';
export { tirePositions } from './tires.js';
export { SIMULATED_YEARS, fleetVehicleSpec, newVehicleSpec, pickModel, specFromVin, specOfModel } from './vehicle-specs.js';
export { testVehicleDesign, type TestVehicleDesign } from './test-vehicles.js';
export { VIN_ALPHABET, decodeModelYear, decodeVin, isValidVin, modelYearCharacter, simulatedVin, vinCheckDigit, vinProblems, type DecodedVin } from './vin.js';
