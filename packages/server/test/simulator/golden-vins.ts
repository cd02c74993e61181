/**
 * @module The VINs the simulator derives, as rows of `test/fixtures/golden-vins.tsv`: one VIN per
 * model and battery variant from a fixed entropy, and the first vehicles of the default fleet.
 */
import { writeFileSync } from 'node:fs';
import { makeCatalog } from '../../src/catalog/makes.js';
import { SIMULATED_YEARS, fleetVehicleSpec, hashString, modelCatalog, simulatedVin, type VehicleModel } from '../../src/simulator/index.js';

/** One row of the fixture: how the VIN was derived, and what it must decode back to. */
export interface GoldenVin {
  /** `model` (simulatedVin of the model) or `fleet carport #<index>` (a vehicle of the default fleet). */
  readonly derivation: string;
  readonly make: string;
  readonly model: string;
  readonly year: number;
  /** Index of the battery variant in the model's list (0 for models without a traction battery). */
  readonly battery: number;
  readonly vin: string;
}

export const goldenVinsUrl = new URL('../fixtures/golden-vins.tsv', import.meta.url);

/** The entropy (and so the serial number) of every `model` row. */
const MODEL_ENTROPY = 424_242;
/** The default `CARPORT_SIM_SEED`, whose live fleet owners' VINs are stored at Connect. */
const DEFAULT_FLEET_SEED = 'carport';
/** Fleet vehicles listed: every make twice (the fleet takes makes in turn). */
const FLEET_ROWS = makeCatalog.length * 2;

const columns = ['derivation', 'make', 'model', 'year', 'battery', 'vin'] as const;

/** The first year the simulator issues VINs for this model. */
function firstSimulatedYear(model: VehicleModel): number {
  return Math.max(model.firstYear, SIMULATED_YEARS.first);
}

/** The rows as the simulator derives them today. */
export function deriveGoldenVins(): GoldenVin[] {
  const models = modelCatalog.flatMap((model) =>
    Array.from({ length: Math.max(1, model.batteries.length) }, (_unused, battery) => {
      const year = firstSimulatedYear(model);
      return { derivation: 'model', make: model.make, model: model.name, year, battery, vin: simulatedVin({ model, batteryVariant: battery, year, entropy: MODEL_ENTROPY }) };
    }),
  );
  const fleet = Array.from({ length: FLEET_ROWS }, (_unused, index) => {
    const spec = fleetVehicleSpec(hashString(DEFAULT_FLEET_SEED), index, () => '');
    return { derivation: `fleet ${DEFAULT_FLEET_SEED} #${index}`, make: spec.make, model: spec.model.name, year: spec.year, battery: spec.batteryVariant, vin: spec.vin };
  });
  return [...models, ...fleet];
}

/** The fixture's text for `rows`: a header line, then one tab-separated line per row. */
export function formatGoldenVins(rows: readonly GoldenVin[]): string {
  return [columns.join('\t'), ...rows.map((row) => columns.map((column) => String(row[column])).join('\t'))].join('\n') + '\n';
}

/** Reads the fixture's text back into rows. */
export function parseGoldenVins(text: string): GoldenVin[] {
  const [, ...lines] = text.split('\n').filter((line) => line !== '');
  return lines.map((line) => {
    const [derivation = '', make = '', model = '', year = '', battery = '', vin = ''] = line.split('\t');
    return { derivation, make, model, year: Number(year), battery: Number(battery), vin };
  });
}

/**
 * Rewrites the fixture from the derivation, for an intended change (stored vehicles then decode differently):
 * `npx tsx --conditions=source -e "import('./packages/server/test/simulator/golden-vins.ts').then((golden) => golden.writeGoldenVins())"`
 */
export function writeGoldenVins(): void {
  writeFileSync(goldenVinsUrl, formatGoldenVins(deriveGoldenVins()));
}
