/**
 * @module Which provider serves what: the simulated provider's makes and modes are settings, Connect
 * picks a provider by make and mode, and a connected vehicle stays with the provider that linked it.
 */
import { describe, expect, it } from 'vitest';
import { makeCatalog } from '../../src/catalog/makes.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import { authorizeUrl, ConnectDriver, redirectParams } from '../helpers/connect-driver.js';
import { fakeTeslaAccounts, FakeProvider } from '../helpers/fake-provider.js';
import { buildTestApp } from '../helpers/test-app.js';
import { simulatedProvider } from './simulated-subject.js';

const key = 'k'.repeat(40);
const now = () => new Date('2026-03-10T00:00:00.000Z');

describe('simulated makes and modes settings', () => {
  it('default to every make in every mode', () => {
    const config = loadConfig({ env: { CARPORT_SECRET_KEY: key } });
    expect(config.simulatedMakes).toEqual(makeCatalog.map((make) => make.id));
    expect(config.simulatedModes).toEqual(['live', 'test', 'simulated']);
  });

  it('read lists (any case, duplicates once), all and none, from the environment and flags', () => {
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_SIMULATED_MAKES: 'nissan, Tesla,NISSAN', CARPORT_SIMULATED_MODES: 'Test,simulated' } })).toMatchObject({
      simulatedMakes: ['NISSAN', 'TESLA'],
      simulatedModes: ['test', 'simulated'],
    });
    expect(loadConfig({ env: { CARPORT_SECRET_KEY: key }, flags: { 'simulated-makes': 'none', 'simulated-modes': 'all' } })).toMatchObject({
      simulatedMakes: [],
      simulatedModes: ['live', 'test', 'simulated'],
    });
  });

  it('refuse unknown makes and modes, saying what they accept', () => {
    const caught = (() => {
      try {
        return loadConfig({ env: { CARPORT_SECRET_KEY: key, CARPORT_SIMULATED_MAKES: 'TESLA,DELOREAN', CARPORT_SIMULATED_MODES: 'live,demo' } });
      } catch (error) {
        return error;
      }
    })();
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      'CARPORT_SIMULATED_MAKES="TESLA,DELOREAN" is invalid: expected all, none, or a comma-separated list of make ids (e.g. TESLA,NISSAN).',
      'CARPORT_SIMULATED_MODES="live,demo" is invalid: expected all, none, or a comma-separated list of live, test, simulated.',
    ]);
  });

  it('give the simulated provider the makes and modes it claims', async () => {
    const provider = await simulatedProvider({ now, makes: ['NISSAN'], modes: ['test', 'simulated'] });
    const registry = new ProviderRegistry();
    registry.register(provider);
    expect(registry.makes('test')).toEqual(['NISSAN']);
    expect(registry.makes('live')).toEqual([]);
    expect(registry.find('TESLA', 'test')).toBeUndefined();
  });
});

describe('provider registry', () => {
  it('refuses two providers for one make and mode, naming the setting that frees it', async () => {
    const registry = new ProviderRegistry();
    registry.register(await simulatedProvider({ now }));
    expect(() => {
      registry.register(new FakeProvider('TESLA', [], { id: 'tesla-fleet', modes: ['live'] }));
    }).toThrow(new Error('providers simulated and tesla-fleet both serve TESLA in live mode. Leave this make or mode out of the simulated provider with CARPORT_SIMULATED_MAKES or CARPORT_SIMULATED_MODES.'));
    // Nothing of the refused provider was registered.
    expect(registry.byId('tesla-fleet')).toBeUndefined();
    expect(registry.find('TESLA', 'live')?.id).toBe('simulated');
  });

  it('refuses two providers with one id', () => {
    const registry = new ProviderRegistry();
    registry.register(new FakeProvider('TESLA', []));
    expect(() => {
      registry.register(new FakeProvider('NISSAN', []));
    }).toThrow(new Error('two providers have the id fake'));
  });

  it('routes a connected vehicle by its provider id, and links new vehicles through the provider of the make and mode', async () => {
    const simulated = await simulatedProvider({ now, modes: ['test', 'simulated'] });
    const tesla = new FakeProvider('TESLA', [], { id: 'tesla-fleet', modes: ['live'] });
    const registry = new ProviderRegistry();
    registry.register(simulated);
    registry.register(tesla);
    expect(registry.find('TESLA', 'live')).toBe(tesla);
    expect(registry.forVehicle({ providerId: 'simulated', make: 'TESLA', mode: 'live' })).toBe(simulated);
    expect(registry.forVehicle({ providerId: 'tesla-fleet', make: 'TESLA', mode: 'live' })).toBe(tesla);
    // A provider no longer registered: whichever serves the make and mode now.
    expect(registry.forVehicle({ providerId: 'retired', make: 'TESLA', mode: 'live' })).toBe(tesla);
    expect(registry.forVehicle({ providerId: 'retired', make: 'NISSAN', mode: 'live' })).toBeUndefined();
    expect(registry.all()).toEqual([simulated, tesla]);
  });
});

describe('a real provider taking live mode for a make', () => {
  it('leaves simulated live vehicles connected before with the simulator, and links new ones through itself', async () => {
    const { app } = await buildTestApp({ env: { CARPORT_SIMULATED_MODES: 'test,simulated' } });
    try {
      const { repositories, providers } = app.carport;
      // A Tesla the simulator linked in live mode while it still served live mode.
      const simulated = providers.byId('simulated');
      const [vehicle] = (await simulated?.listVehicles({ make: 'TESLA', mode: 'live', providerAccountId: 'live:tesla.owner1@demo.carport.example', email: 'tesla.owner1@demo.carport.example' })) ?? [];
      if (simulated === undefined || vehicle === undefined) throw new Error('the simulated fleet has no live Tesla');
      const stored = await repositories.vehicles.upsert({ ...vehicle.ref, vin: vehicle.vin, model: vehicle.model, year: vehicle.year, providerId: 'simulated' });
      const tesla = new FakeProvider('TESLA', fakeTeslaAccounts(), { id: 'tesla-fleet', modes: ['live'] });
      providers.register(tesla);
      expect(providers.forVehicle(stored)).toBe(simulated);
      expect(await providers.forVehicle(stored)?.getVehicle(vehicle.ref)).toMatchObject({ vin: vehicle.vin });
      expect(providers.find('TESLA', 'live')).toBe(tesla);

      const { application } = await repositories.applications.createApplication({ name: 'Live', redirectUris: ['https://app.example/cb'] });
      const driver = new ConnectDriver(app);
      const preamble = await driver.follow(await driver.get(authorizeUrl({ response_type: 'code', client_id: application.clientId, redirect_uri: 'https://app.example/cb', scope: 'read_vehicle_info', mode: 'live', make: 'TESLA' })));
      const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
      const grant = await driver.submit(login, '/connect/login', { username: 'owner@example.com', password: 'correct horse' });
      const done = await driver.submit(grant, '/connect/grant', { action: 'approve', vehicle: ['tesla-model-3'] });
      expect(Object.keys(redirectParams(done.location))).toEqual(['code']);
      expect(await repositories.vehicles.findByProviderVehicle('TESLA', 'live', 'tesla-model-3')).toMatchObject({ providerId: 'tesla-fleet' });
      expect(await repositories.vehicles.findById(stored.id)).toMatchObject({ providerId: 'simulated' });
    } finally {
      await app.close();
    }
  });
});
