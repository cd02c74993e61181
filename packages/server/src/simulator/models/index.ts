/** @module The model catalog: every make's simulated models, with lookups by make, code and powertrain. */
import { makeCatalog } from '../../catalog/makes.js';
import type { ModelDraft, Powertrain, VehicleModel } from './model-types.js';
import { modelsAToC } from './models-a-c.js';
import { modelsDToK } from './models-d-k.js';
import { modelsLToN } from './models-l-n.js';
import { modelsOToV } from './models-o-v.js';

export type { BatteryVariant, ModelDraft, Powertrain, VehicleModel } from './model-types.js';
export { nioPacks } from './models-l-n.js';

const drafts: Readonly<Record<string, readonly ModelDraft[]>> = { ...modelsAToC, ...modelsDToK, ...modelsLToN, ...modelsOToV };

const byMake: ReadonlyMap<string, readonly VehicleModel[]> = new Map(
  makeCatalog.map((make) => [
    make.id,
    Object.freeze((drafts[make.id] ?? []).map((draft, code): VehicleModel => Object.freeze({ ...draft, make: make.id, code }))),
  ]),
);

/** Every simulated model, makes in catalog order, each make's models in code order. */
export const modelCatalog: readonly VehicleModel[] = Object.freeze([...byMake.values()].flat());

/**
 * The models of a make (empty for a make the catalog does not know).
 * @example modelsOf('NIO').map((model) => model.name) // ['ET5', 'ET5T', 'ET7', 'ES6', 'EC6', 'ES8', 'EL6', 'EL7']
 */
export function modelsOf(make: string): readonly VehicleModel[] {
  return byMake.get(make) ?? [];
}

/** The model a VIN's model code names within a make, if any. */
export function modelByCode(make: string, code: number): VehicleModel | undefined {
  return modelsOf(make)[code];
}

/** A make's models with one of the given powertrains. */
export function modelsWithPowertrain(make: string, powertrains: readonly Powertrain[]): readonly VehicleModel[] {
  return modelsOf(make).filter((model) => powertrains.includes(model.powertrain));
}

/** Whether the model was built in `year`. */
export function builtIn(model: VehicleModel, year: number): boolean {
  return year >= model.firstYear && year <= model.lastYear;
}

/** Whether the model has a charge port (and so a state of charge the API exposes). */
export function isPlugIn(model: VehicleModel): boolean {
  return model.powertrain === 'BEV' || model.powertrain === 'PHEV';
}

/** Whether the model burns fuel (and so has a tank and engine oil). */
export function burnsFuel(model: VehicleModel): boolean {
  return model.powertrain !== 'BEV';
}
