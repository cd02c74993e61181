/** @module Emulated manufacturer clouds: real HTTP servers speaking a manufacturer's wire format, driven by Carport's simulator. */
export { EmulatedTeslaCloud, EMULATED_TESLA_PASSWORD, type EmulatedTeslaOptions } from './tesla/emulated-tesla-cloud.js';
export { faultKinds, type InjectedFault } from './tesla/injected-faults.js';
export type { EmulatedAccount } from './tesla/tesla-authority.js';
export type { EmulatedVehicle } from './tesla/emulated-garage.js';
