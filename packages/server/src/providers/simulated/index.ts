/** @module The simulated provider: the embedded default fleet of every make, and its operator view. */
export { DEMO_PASSWORD, demoAccounts, testEmailOutcome, type DemoAccount } from './accounts.js';
export { noConnectedVehicles, storedVehicleDirectory, type ConnectedVehicleDirectory } from './connected-vehicles.js';
export { FleetOperator, FleetOperatorError, type FleetPage, type VehicleSelector } from './fleet-operator.js';
export type { VehicleDetails, VehicleSummary } from './fleet-views.js';
export { createStoredInterventionLog } from './stored-intervention-log.js';
export { SimulatedVehicleProvider, type SimulatedLatency, type SimulatedProviderOptions } from './simulated-provider.js';
export { capabilityLevels, keyOf, refOfKey, vehicleIdOf, type CapabilityLevel } from './vehicle-keys.js';
