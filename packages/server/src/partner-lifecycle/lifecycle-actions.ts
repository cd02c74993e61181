/**
 * @module Takes one lifecycle action on an application: decides it with the catalog's transition
 * function, then stores the state change and its timeline entry. The admin API, the Management API
 * and the CLI all go through here.
 */
import { transition, type LifecycleAction, type LifecycleActor } from '../catalog/application-lifecycle.js';
import { isDataPackageId, type DataPackageId } from '../catalog/permissions.js';
import type { ApplicationRecord, Repositories } from '../store/index.js';
import { computeChecklist, testedDataPackages } from './checklist.js';

/** Who acts: the role the transition table checks, and the name the timeline records (`cli`, `operator:<id>`, `developer:<id>`). */
export interface Actor {
  readonly role: LifecycleActor;
  readonly name: string;
}

/** One action to take. */
export interface ActionRequest {
  readonly action: LifecycleAction;
  readonly actor: Actor;
  readonly reason?: string | null;
  /** `approve`: the data packages approved; default those the partner requested. */
  readonly dataPackages?: readonly string[];
  /** `release`: release although the joint-testing checklist is not complete. */
  readonly force?: boolean;
}

/** Why an action was not taken; `message` says what to do instead. */
export type ActionProblem = 'not_allowed' | 'changed_meanwhile' | 'checklist_incomplete' | 'invalid_data_packages';

/** What taking an action came to. */
export type ActionOutcome = { readonly ok: true; readonly application: ApplicationRecord } | { readonly ok: false; readonly problem: ActionProblem; readonly message: string };

async function approvedPackages(repositories: Repositories, application: ApplicationRecord, requested: readonly string[] | undefined): Promise<readonly DataPackageId[] | string> {
  const packages = requested ?? (await repositories.lifecycle.findRequest(application.id))?.dataPackages;
  if (packages === undefined || packages.length === 0) return 'Name the data packages to approve: the application has no request naming any.';
  const unknown = packages.filter((id) => !isDataPackageId(id));
  if (unknown.length > 0) return `Unknown data packages: ${unknown.join(', ')}.`;
  return [...new Set(packages.filter(isDataPackageId))];
}

/** Takes `request.action` on `application`; the caller has found the application. */
export async function takeLifecycleAction(repositories: Repositories, application: ApplicationRecord, request: ActionRequest): Promise<ActionOutcome> {
  const reason = request.reason?.trim() === '' ? null : (request.reason?.trim() ?? null);
  const outcome = transition(application.lifecycleState, { action: request.action, actor: request.actor.role, reason });
  if (!outcome.allowed) return { ok: false, problem: 'not_allowed', message: outcome.reason };
  let approved: readonly DataPackageId[] | undefined;
  if (request.action === 'approve') {
    const packages = await approvedPackages(repositories, application, request.dataPackages);
    if (typeof packages === 'string') return { ok: false, problem: 'invalid_data_packages', message: packages };
    approved = packages;
  }
  if (request.action === 'release' && request.force !== true) {
    const requested = (await repositories.lifecycle.findRequest(application.id))?.dataPackages;
    const checklist = computeChecklist(testedDataPackages(application.approvedDataPackages, requested), await repositories.lifecycle.observations(application.id));
    const open = checklist.items.filter((item) => item.doneAt === null).map((item) => item.item);
    if (open.length > 0) return { ok: false, problem: 'checklist_incomplete', message: `Joint testing is not complete: ${open.join(', ')}. Release with force to release anyway.` };
  }
  const changed = await repositories.lifecycle.changeState(application.id, {
    from: outcome.from,
    to: outcome.to,
    action: request.action,
    actor: request.actor.name,
    reason,
    ...(approved === undefined ? {} : { approvedDataPackages: approved }),
  });
  if (!changed) return { ok: false, problem: 'changed_meanwhile', message: `The application left state ${outcome.from} meanwhile; look at its timeline and try again.` };
  const updated = await repositories.applications.findById(application.id);
  if (updated === null) return { ok: false, problem: 'changed_meanwhile', message: 'The application was deleted meanwhile.' };
  return { ok: true, application: updated };
}
