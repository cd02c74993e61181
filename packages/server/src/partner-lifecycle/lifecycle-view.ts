/** @module Where an application stands in the partner lifecycle, as the admin API, the Management API and the CLI show it. */
import { actionsFrom, type LifecycleAction, type LifecycleState } from '../catalog/application-lifecycle.js';
import type { DataPackageId } from '../catalog/permissions.js';
import type { ApplicationRecord, PartnerRequestRecord, Repositories, TimelineEntry } from '../store/index.js';
import { computeChecklist, testedDataPackages, type Checklist } from './checklist.js';

/** The lifecycle of one application. */
export interface LifecycleView {
  readonly clientId: string;
  readonly name: string;
  readonly state: LifecycleState;
  readonly reason: string | null;
  readonly nextActions: readonly LifecycleAction[];
  readonly approvedDataPackages: readonly DataPackageId[];
  readonly request: PartnerRequestRecord | null;
  readonly timeline: readonly TimelineEntry[];
  readonly checklist: Checklist;
}

/** Reads the lifecycle of `application`. */
export async function readLifecycle(repositories: Repositories, application: ApplicationRecord): Promise<LifecycleView> {
  const [request, timeline, observations] = await Promise.all([
    repositories.lifecycle.findRequest(application.id),
    repositories.lifecycle.timeline(application.id),
    repositories.lifecycle.observations(application.id),
  ]);
  return {
    clientId: application.clientId,
    name: application.name,
    state: application.lifecycleState,
    reason: application.lifecycleReason,
    nextActions: actionsFrom(application.lifecycleState),
    approvedDataPackages: application.approvedDataPackages,
    request,
    timeline,
    checklist: computeChecklist(testedDataPackages(application.approvedDataPackages, request?.dataPackages), observations),
  };
}
