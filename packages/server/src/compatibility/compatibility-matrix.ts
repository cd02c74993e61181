/**
 * @module The compatibility matrix: every model of the model catalog by make for a region, with the
 * endpoint labels and permissions its capability declaration in that region gives it, filtered by
 * engine type, make and permission.
 */
import { findMake, makesByRegion } from '../catalog/makes.js';
import { matrixLabels, matrixOrder } from '../catalog/matrix-labels.js';
import { isPermissionName, type PermissionName } from '../catalog/permissions.js';
import type { Region } from '../catalog/types.js';
import { supportedPermissions } from '../connect/vehicle-permissions.js';
import { modelCapabilities } from '../simulator/capabilities.js';
import { modelsOf, type Powertrain } from '../simulator/models/index.js';
import { spaceSeparated, type CompatibilityProblem } from './compatibility-by-vin.js';

/** Engine types the `type` filter accepts: the model catalog's powertrains. */
export const engineTypes: readonly Powertrain[] = ['BEV', 'PHEV', 'HEV', 'ICE'];

/** One model of the matrix. */
export interface MatrixModel {
  readonly model: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly type: Powertrain;
  /** The matrix labels of the permissions, in the same order (see `matrix-labels.ts`). */
  readonly endpoints: readonly string[];
  /** Permissions the model supports, ordered by their labels. */
  readonly permissions: readonly string[];
}

/** The matrix body: upper-case make id → its models. */
export type CompatibilityMatrix = Record<string, MatrixModel[]>;

/** The request, as the query carries it (lists space-separated). */
export interface MatrixQuery {
  readonly region: Region;
  readonly type?: string | undefined;
  readonly make?: string | undefined;
  readonly scope?: string | undefined;
}

/** Unknown engine types, makes and permissions; each names the values it refuses. */
export function matrixQueryProblems(query: MatrixQuery): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  const types = spaceSeparated(query.type).filter((type) => !(engineTypes as readonly string[]).includes(type.toUpperCase()));
  if (types.length > 0) problems.push({ field: 'type', message: `unknown engine types: ${types.join(', ')} (one of ${engineTypes.join(', ')})` });
  const makes = spaceSeparated(query.make).filter((make) => findMake(make.toUpperCase()) === undefined);
  if (makes.length > 0) problems.push({ field: 'make', message: `unknown makes: ${makes.join(', ')}` });
  const permissions = spaceSeparated(query.scope).filter((permission) => !isPermissionName(permission));
  if (permissions.length > 0) problems.push({ field: 'scope', message: `unknown permissions: ${permissions.join(', ')}` });
  return problems;
}


/**
 * The matrix for a valid query (see {@link matrixQueryProblems}). A make is listed when it connects
 * in the region and has a model left after the filters. With `scope`, a model is listed only when it
 * supports every requested permission, and its lists are narrowed to them; without, it shows all.
 * A make requested but not sold in the region is simply absent.
 */
export function compatibilityMatrix(query: MatrixQuery): CompatibilityMatrix {
  const types = new Set(spaceSeparated(query.type).map((type) => type.toUpperCase()));
  const makes = new Set(spaceSeparated(query.make).map((make) => make.toUpperCase()));
  const requested = spaceSeparated(query.scope).filter(isPermissionName);
  const matrix: CompatibilityMatrix = {};
  for (const make of makesByRegion(query.region)) {
    if (makes.size > 0 && !makes.has(make.id)) continue;
    const models = modelsOf(make.id).flatMap((model): MatrixModel[] => {
      if (types.size > 0 && !types.has(model.powertrain)) return [];
      const supported = supportedPermissions(modelCapabilities(model, query.region));
      if (!requested.every((permission) => supported.has(permission))) return [];
      const shown = matrixOrder(requested.length > 0 ? requested : [...supported].filter(isPermissionName));
      return [{
        model: model.matrixName,
        startYear: model.firstYear,
        endYear: model.lastYear,
        type: model.powertrain,
        endpoints: shown.map((permission: PermissionName) => matrixLabels[permission]),
        permissions: shown,
      }];
    });
    if (models.length > 0) matrix[make.id] = models;
  }
  return matrix;
}
