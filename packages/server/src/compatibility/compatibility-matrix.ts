/**
 * @module The compatibility matrix: every model of the model catalog by make for a region, with the
 * endpoints and permissions its capability declaration gives it, filtered by engine type, make and
 * permission.
 */
import { endpointCatalog } from '../catalog/endpoints/index.js';
import { findMake, makesByRegion } from '../catalog/makes.js';
import { isPermissionName, permissionCatalog } from '../catalog/permissions.js';
import type { EndpointDefinition, Region } from '../catalog/types.js';
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
  /** Titles of the endpoints the model supports, in catalog order. */
  readonly endpoints: readonly string[];
  /** Permissions the model supports, in the permission catalog's order. */
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

/** The endpoint titles of a set of capabilities, deduplicated (a read and its command may share one). */
function endpointTitles(capabilities: ReadonlySet<string>, permissions: ReadonlySet<string>): string[] {
  const titles = endpointCatalog
    .filter((endpoint: EndpointDefinition) => endpoint.permission !== null && capabilities.has(endpoint.id) && permissions.has(endpoint.permission))
    .map((endpoint) => endpoint.title);
  return [...new Set(titles)];
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
  const requested = spaceSeparated(query.scope);
  const matrix: CompatibilityMatrix = {};
  for (const make of makesByRegion(query.region)) {
    if (makes.size > 0 && !makes.has(make.id)) continue;
    const models = modelsOf(make.id).flatMap((model): MatrixModel[] => {
      if (types.size > 0 && !types.has(model.powertrain)) return [];
      const capabilities = modelCapabilities(model);
      const supported = supportedPermissions(capabilities);
      if (!requested.every((permission) => supported.has(permission))) return [];
      const shown = new Set(requested.length > 0 ? requested : supported);
      return [{
        model: model.name,
        startYear: model.firstYear,
        endYear: model.lastYear,
        type: model.powertrain,
        endpoints: endpointTitles(capabilities, shown),
        permissions: permissionCatalog.map((permission) => permission.name).filter((name) => shown.has(name)),
      }];
    });
    if (models.length > 0) matrix[make.id] = models;
  }
  return matrix;
}
