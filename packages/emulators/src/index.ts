/** @module Emulated manufacturer clouds: real HTTP servers speaking a manufacturer's wire format, driven by Carport's simulator. */
export { EmulatedTeslaCloud, EMULATED_TESLA_PASSWORD, type EmulatedTeslaOptions } from './tesla/emulated-tesla-cloud.js';
export { faultKinds, type InjectedFault } from './tesla/injected-faults.js';
export type { EmulatedAccount } from './tesla/tesla-authority.js';
export type { EmulatedVehicle } from './tesla/emulated-garage.js';
export { EmulatedNioCloud, EMULATED_NIO_PASSWORD, type EmulatedNioOptions } from './nio/emulated-nio-cloud.js';
export { nioFaultKinds, type NioFault } from './nio/nio-faults.js';
export type { NioAccount } from './nio/nio-authority.js';
export type { NioVehicle, NioFeedEvent, NioEventType } from './nio/nio-garage.js';
export { nioScopes, type NioScope } from './nio/nio-scopes.js';
