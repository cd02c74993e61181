/**
 * @module A Connect flow as the approval step receives it, for tests that call `completeConnect`
 * directly: an application's flow at the grant page for a simulated Tesla, asking `read_battery`, and
 * the vehicle choice the owner made on that page.
 */
import type { FlowState } from '../../src/connect/flow-state.js';
import type { VehicleChoice } from '../../src/connect/grant-plan.js';

/** The flow of `applicationId` redirecting to https://app.example/callback, make fixed to TESLA, mode simulated. */
export function approvalFlow(applicationId: string, flowId = 'flow-a'): FlowState {
  return {
    flowId,
    csrf: 'csrf',
    applicationId,
    redirectUri: 'https://app.example/callback',
    scope: { permissions: ['read_battery'], required: [] },
    state: null,
    mode: 'simulated',
    forcePrompt: false,
    make: 'TESLA',
    makeLocked: true,
    singleSelect: false,
    singleSelectVin: null,
    flags: {},
    user: null,
    codeChallenge: null,
    codeChallengeMethod: null,
    account: null,
    selection: null,
    expiresAt: Date.parse('2026-11-22T03:00:00.000Z'),
  };
}

/** The owner's choice of a simulated 2019 Model 3, granting `read_battery`. */
export function teslaChoice(providerVehicleId: string, vin: string): VehicleChoice {
  return {
    vehicle: { ref: { make: 'TESLA', mode: 'simulated', providerVehicleId }, vin, model: 'Model 3', year: 2019, capabilities: new Set() },
    grantable: ['read_battery'],
    missingRequired: [],
  };
}
