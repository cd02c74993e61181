/**
 * @module Connect's test mode: each make's test vehicle, the one an ordinary test email's account
 * holds. It supports every endpoint the make supports on any of its models (Smartcar's test Volt
 * reads both fuel and battery), so an application can try every permission the make offers.
 */
import type { EndpointId } from '../catalog/endpoints/index.js';
import { modelCapabilitiesAnywhere, needsFuelTank } from './capabilities.js';
import { burnsFuel, isPlugIn, modelsOf, type VehicleModel } from './models/index.js';

/** A make's test vehicle: the model it is built as and what it supports. */
export interface TestVehicleDesign {
  readonly model: VehicleModel;
  readonly capabilities: ReadonlySet<EndpointId>;
}

const designs = new Map<string, TestVehicleDesign | undefined>();

/** Everything the make's models support, together, in any region. */
function makeCapabilities(models: readonly VehicleModel[]): ReadonlySet<EndpointId> {
  return new Set(models.flatMap((model) => [...modelCapabilitiesAnywhere(model)]));
}

/** How many of `wanted` the model lacks. */
function missing(model: VehicleModel, wanted: ReadonlySet<EndpointId>): number {
  const own = modelCapabilitiesAnywhere(model);
  return [...wanted].filter((id) => !own.has(id)).length;
}

/**
 * The model closest to supporting `wanted`: fewest missing endpoints, then a plug-in (its battery,
 * charge and charge commands are what applications most want to try), then the newest, then the
 * first listed. Deterministic, so every process picks the same one.
 */
function mostCapable(models: readonly VehicleModel[], wanted: ReadonlySet<EndpointId>): VehicleModel | undefined {
  return [...models].sort(
    (left, right) =>
      missing(left, wanted) - missing(right, wanted) ||
      Number(isPlugIn(right)) - Number(isPlugIn(left)) ||
      right.lastYear - left.lastYear ||
      left.code - right.code,
  )[0];
}

/**
 * A make that sells EVs and combustion cars but no plug-in hybrid has no model with both a battery
 * and a tank. Its test vehicle is its EV with a range extender (as BMW's i3 REx was): the tank and
 * fuel consumption of the make's smallest-tanked combustion model, so fuel reads stay physical.
 */
function withRangeExtender(model: VehicleModel, models: readonly VehicleModel[]): VehicleModel {
  const donor = models.filter((candidate) => candidate.tankLiters > 0).sort((left, right) => left.tankLiters - right.tankLiters || left.code - right.code)[0];
  if (donor === undefined) return model;
  return Object.freeze({ ...model, powertrain: 'PHEV', tankLiters: donor.tankLiters, litersPer100Km: donor.litersPer100Km });
}

function design(make: string): TestVehicleDesign | undefined {
  const models = modelsOf(make);
  const capabilities = makeCapabilities(models);
  const base = mostCapable(models, capabilities);
  if (base === undefined) return undefined;
  const needsTank = [...capabilities].some(needsFuelTank);
  const model = needsTank && !burnsFuel(base) ? withRangeExtender(base, models) : base;
  return { model, capabilities };
}

/**
 * The make's test vehicle, or undefined for a make without models.
 * @example testVehicleDesign('CHEVROLET')?.model.name // 'Volt'
 */
export function testVehicleDesign(make: string): TestVehicleDesign | undefined {
  if (!designs.has(make)) designs.set(make, design(make));
  return designs.get(make);
}
