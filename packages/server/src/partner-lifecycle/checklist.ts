/** @module The joint-testing checklist, computed from what the platform observed an application do. */
import type { ObservationKind } from '../catalog/application-lifecycle.js';
import type { DataPackageId } from '../catalog/permissions.js';
import type { Observation } from '../store/index.js';

/** One line of the checklist; `doneAt` is when the platform first saw it, null while open. */
export interface ChecklistItem {
  readonly item: string;
  readonly kind: ObservationKind;
  /** The data package of a `data_package_used` item; null for the others. */
  readonly dataPackage: DataPackageId | null;
  readonly doneAt: string | null;
}

/** The whole checklist; `complete` when every item is done. */
export interface Checklist {
  readonly complete: boolean;
  readonly items: readonly ChecklistItem[];
}

/**
 * The data packages joint testing covers: those approved, or before approval those requested.
 */
export function testedDataPackages(approved: readonly DataPackageId[], requested: readonly DataPackageId[] | undefined): readonly DataPackageId[] {
  return approved.length > 0 ? approved : (requested ?? []);
}

/**
 * The checklist of an application that requested `dataPackages`: a vehicle connected, each package used
 * (read, or commanded for a control package) once, a command sent, a webhook verified and a delivery that succeeded.
 * @example computeChecklist(['location'], []).items.map((item) => item.item)
 * // ['vehicle connected', 'location used', 'command sent', 'webhook verified', 'webhook delivery succeeded']
 */
export function computeChecklist(dataPackages: readonly DataPackageId[], observations: readonly Observation[]): Checklist {
  const seen = (kind: ObservationKind, subject = ''): string | null => observations.find((observation) => observation.kind === kind && observation.subject === subject)?.firstAt ?? null;
  const items: ChecklistItem[] = [
    { item: 'vehicle connected', kind: 'vehicle_connected', dataPackage: null, doneAt: seen('vehicle_connected') },
    ...dataPackages.map((dataPackage): ChecklistItem => ({ item: `${dataPackage} used`, kind: 'data_package_used', dataPackage, doneAt: seen('data_package_used', dataPackage) })),
    { item: 'command sent', kind: 'command_sent', dataPackage: null, doneAt: seen('command_sent') },
    { item: 'webhook verified', kind: 'webhook_verified', dataPackage: null, doneAt: seen('webhook_verified') },
    { item: 'webhook delivery succeeded', kind: 'webhook_delivered', dataPackage: null, doneAt: seen('webhook_delivered') },
  ];
  return { complete: items.every((entry) => entry.doneAt !== null), items };
}
