/** @module The provider conformance suite, run for the test fakes too: a fake that breaks the contract would let the tests that use it pass for the wrong reason. */
import type { EndpointId } from '../../src/catalog/endpoints/index.js';
import type { VehicleRef } from '../../src/providers/vehicle-provider.js';
import { fakeTeslaAccounts, FakeProvider } from '../helpers/fake-provider.js';
import { FakeManufacturerLogin, fakeOAuthLinking } from '../helpers/fake-manufacturer-login.js';
import { FakeProvider as WebhookFakeProvider } from '../webhooks/fake-provider.js';
import { describeProviderConformance, type ConformanceSubject, type ConformanceVehicle } from './conformance.js';

const teslaVehicles: ConformanceVehicle[] = fakeTeslaAccounts()
  .flatMap((account) => account.vehicles)
  .map((vehicle) => ({
    label: `${vehicle.model} ${vehicle.year} (${vehicle.id})`,
    ref: { make: 'TESLA', mode: 'live', providerVehicleId: vehicle.id },
    capabilities: new Set<EndpointId>(vehicle.capabilities),
  }));

/** A fresh fake; it plugs a vehicle in and starts charging the way a test in the garage would. */
function fakeSubject(provider: FakeProvider): ConformanceSubject {
  const plugIn = async (ref: VehicleRef): Promise<string | null> => {
    const vehicle = await provider.getVehicle(ref);
    if (vehicle?.capabilities.has('getChargeStatus') !== true) return 'the fake vehicle has no charge port';
    provider.plugIn(ref);
    return null;
  };
  return {
    provider,
    plugIn,
    startCharging: async (ref) => {
      const refusal = await plugIn(ref);
      if (refusal !== null) return refusal;
      await provider.execute(ref, { endpointId: 'controlCharge', body: { action: 'START' } });
      return null;
    },
    close: () => provider.stop(),
  };
}

describeProviderConformance('fake Tesla (password linking)', {
  vehicles: teslaVehicles,
  makeSubject: () => Promise.resolve(fakeSubject(new FakeProvider('TESLA', fakeTeslaAccounts()))),
});

describeProviderConformance('fake Tesla (OAuth redirect linking)', {
  vehicles: teslaVehicles,
  makeSubject: async () => {
    const login = await FakeManufacturerLogin.start();
    const subject = fakeSubject(new FakeProvider('TESLA', fakeTeslaAccounts(), { id: 'fake-oauth', linking: () => fakeOAuthLinking(login) }));
    return { ...subject, close: async () => Promise.all([subject.close(), login.close()]).then(() => undefined) };
  },
});

const webhookVehicleRef: VehicleRef = { make: 'TESLA', mode: 'live', providerVehicleId: 'webhook-vehicle' };

describeProviderConformance('webhook tests’ fake', {
  vehicles: [{ label: 'Model 3 2022 (battery and odometer)', ref: webhookVehicleRef, capabilities: new Set<EndpointId>(['getBatteryLevel', 'getOdometer']) }],
  makeSubject: () => Promise.resolve({ provider: new WebhookFakeProvider(), close: () => Promise.resolve() }),
});
