/** @module The model catalog and the capability sets it derives, checked against what the seeds say of each make. */
import { describe, expect, it } from 'vitest';
import { endpointCatalog, type EndpointId } from '../../src/catalog/endpoints/index.js';
import { findMake, makeCatalog } from '../../src/catalog/makes.js';
import type { Region } from '../../src/catalog/types.js';
import { modelCapabilities, modelCatalog, modelsOf, nioPacks, type Powertrain, type VehicleModel } from '../../src/simulator/index.js';

/** The capabilities of a model in each region its make is sold in. */
const inEveryRegion = (model: VehicleModel): ReadonlySet<EndpointId>[] =>
  (findMake(model.make)?.regions ?? []).map((region) => modelCapabilities(model, region));

const has = (make: string, id: EndpointId, powertrains: readonly Powertrain[] = ['BEV', 'PHEV', 'HEV', 'ICE']): boolean[] =>
  modelsOf(make).filter((model) => powertrains.includes(model.powertrain)).flatMap((model) => inEveryRegion(model).map((set) => set.has(id)));

/** The regions of `make` in which every model has service history. */
const serviceHistoryRegions = (make: string): Region[] =>
  (findMake(make)?.regions ?? []).filter((region) => modelsOf(make).every((model) => modelCapabilities(model, region).has('getServiceHistory')));

describe('model catalog', () => {
  it('has real models for every make, with consistent figures', () => {
    for (const make of makeCatalog) expect(modelsOf(make.id).length, make.id).toBeGreaterThanOrEqual(2);
    for (const model of modelCatalog) {
      expect(model.firstYear, model.name).toBeLessThanOrEqual(model.lastYear);
      const plugIn = model.powertrain === 'BEV' || model.powertrain === 'PHEV';
      expect(model.batteries.length > 0, model.name).toBe(plugIn);
      expect(model.acKw > 0, model.name).toBe(plugIn);
      expect(model.whPerKm > 0, model.name).toBe(plugIn);
      expect(model.tankLiters > 0, model.name).toBe(model.powertrain !== 'BEV');
      expect(model.litersPer100Km > 0, model.name).toBe(model.powertrain !== 'BEV');
      for (const battery of model.batteries) expect(battery.usableKwh, model.name).toBeLessThanOrEqual(battery.nominalKwh);
    }
    // Every powertrain occurs, and the nominal-capacity endpoint's single- and multi-capacity cases both occur.
    expect(new Set(modelCatalog.map((model) => model.powertrain))).toEqual(new Set(['BEV', 'PHEV', 'HEV', 'ICE']));
    expect(modelCatalog.some((model) => model.batteries.length === 1)).toBe(true);
    expect(modelCatalog.some((model) => model.batteries.length >= 3)).toBe(true);
  });

  it('has NIO’s eight models with swappable 75 and 100 kWh packs', () => {
    expect(modelsOf('NIO').map((model) => model.name)).toEqual(['ET5', 'ET5T', 'ET7', 'ES6', 'EC6', 'ES8', 'EL6', 'EL7']);
    for (const model of modelsOf('NIO')) {
      expect(model.swappable).toBe(true);
      expect(model.batteries.map((battery) => battery.nominalKwh)).toEqual(nioPacks.map((pack) => pack[1]));
    }
    expect(nioPacks.map((pack) => pack[1])).toEqual([75, 100]);
  });
});

describe('capabilities', () => {
  it('only declare provider endpoints of the catalog, make-specific ones only for their makes', () => {
    for (const model of modelCatalog) {
      for (const id of inEveryRegion(model).flatMap((set) => [...set])) {
        const endpoint = endpointCatalog.find((candidate) => candidate.id === id);
        expect(endpoint?.surface, id).toBe('vehicle');
        if (endpoint?.makes !== null && endpoint?.makes !== undefined) expect(endpoint.makes, `${model.make} ${id}`).toContain(model.make.toLowerCase());
      }
    }
  });

  it('follow the powertrain: no fuel on a BEV, no battery without a plug', () => {
    for (const { model, set } of modelCatalog.flatMap((model) => inEveryRegion(model).map((set) => ({ model, set })))) {
      if (model.powertrain === 'BEV') expect([set.has('getFuelTank'), set.has('getEngineOil')], model.name).toEqual([false, false]);
      if (model.powertrain === 'HEV' || model.powertrain === 'ICE') {
        expect([set.has('getBatteryLevel'), set.has('getChargeStatus'), set.has('controlCharge')], model.name).toEqual([false, false, false]);
      }
    }
  });

  it('follow the seeds make by make', () => {
    for (const make of ['BUICK', 'CADILLAC', 'CHEVROLET', 'GMC', 'ALFA_ROMEO', 'CHRYSLER', 'DODGE', 'FIAT', 'JEEP', 'RAM']) {
      expect(has(make, 'getDiagnosticTroubleCodes').every(Boolean), make).toBe(true);
      expect(has(make, 'getSystemStatus').every(Boolean), make).toBe(true);
    }
    expect(has('TOYOTA', 'getDiagnosticTroubleCodes').some(Boolean)).toBe(false);
    for (const make of ['FORD', 'LINCOLN']) expect(has(make, 'fordGetChargeScheduleByLocation', ['BEV', 'PHEV']).every(Boolean), make).toBe(true);
    expect(has('NISSAN', 'nissanSetChargeSchedule', ['BEV']).every(Boolean)).toBe(true);
    for (const make of ['BMW', 'MINI', 'TESLA']) expect(has(make, 'getChargeRecords', ['BEV', 'PHEV']).every(Boolean), make).toBe(true);
    expect(has('TESLA', 'teslaGetChargeStatus').every(Boolean)).toBe(true);
    expect(has('CADILLAC', 'gmGetChargeVoltmeter', ['BEV']).every(Boolean)).toBe(true);
    expect(has('AUDI', 'audiGetChargeStatus', ['BEV', 'PHEV']).every(Boolean)).toBe(true);
    expect(has('NIO', 'nioGetBattery').every(Boolean)).toBe(true);
    expect(has('NIO', 'lockUnlock').some(Boolean)).toBe(false);
    // The 2024 changelog's two entries for MG in Europe, exactly; the hybrid has no charge port.
    const mgEverywhere = ['getLocation', 'getLockStatus', 'getOdometer', 'getTirePressure', 'getVehicleAttributes', 'getVin', 'lockUnlock'];
    const mgPlugIn = ['controlCharge', 'getBatteryCapacity', 'getBatteryLevel', 'getChargeLimit', 'getChargeStatus', 'setChargeLimit'];
    expect(findMake('MG')?.regions).toEqual(['EUROPE']);
    for (const model of modelsOf('MG')) {
      expect([...modelCapabilities(model, 'EUROPE')].sort(), model.name).toEqual(
        (model.powertrain === 'HEV' ? mgEverywhere : [...mgEverywhere, ...mgPlugIn]).sort(),
      );
    }
  });

  it('give service history to exactly the makes and regions the seeds name', () => {
    // "Ford, Lincoln, Toyota, Lexus, Mazda and Volkswagen (US)": the qualifier names Volkswagen's market.
    const withHistory = makeCatalog.flatMap((make) => {
      const regions = serviceHistoryRegions(make.id);
      return regions.length === 0 ? [] : [`${make.id} ${regions.join(' ')}`];
    });
    expect(withHistory).toEqual(['FORD US CA EUROPE', 'LEXUS US CA', 'LINCOLN US CA', 'MAZDA US EUROPE', 'TOYOTA US CA', 'VOLKSWAGEN US']);
    const noModelAnywhere = makeCatalog.filter((make) => !['FORD', 'LEXUS', 'LINCOLN', 'MAZDA', 'TOYOTA', 'VOLKSWAGEN'].includes(make.id));
    for (const make of noModelAnywhere) expect(has(make.id, 'getServiceHistory').some(Boolean), make.id).toBe(false);
    expect(modelsOf('VOLKSWAGEN').some((model) => modelCapabilities(model, 'EUROPE').has('getServiceHistory'))).toBe(false);
  });

  it('is one shared set per model', () => {
    const model = modelCatalog[0];
    if (model === undefined) throw new Error('empty catalog');
    expect(modelCapabilities(model, 'US')).toBe(modelCapabilities(model, 'US'));
  });
});
