/**
 * @module The partner lifecycle of an application, as NIO runs access to its Vehicle API: a partner
 * requests access, the operator reviews it, both test together, then the integration is released.
 * States, the actions between them and what each state may do are declared here once.
 */

/**
 * Every lifecycle state with what it allows. `connect`: which Connect modes open (`test-modes`: test
 * and simulated only, `all`: live too, within the approved data packages, `none`); `vehicleApi`:
 * whether the Vehicle API answers at all.
 */
export const lifecycleStateCatalog = [
  { state: 'requested', connect: 'test-modes', vehicleApi: true, description: 'The partner asked for access; the request waits for review.' },
  { state: 'in_review', connect: 'test-modes', vehicleApi: true, description: 'The operator is reviewing the request.' },
  { state: 'changes_requested', connect: 'test-modes', vehicleApi: true, description: 'The operator asked the partner to change the request and submit it again.' },
  { state: 'joint_testing', connect: 'test-modes', vehicleApi: true, description: 'The request qualified; partner and operator test the integration together.' },
  { state: 'released', connect: 'all', vehicleApi: true, description: 'Released to vehicle owners: live Connect opens for the approved data packages.' },
  { state: 'suspended', connect: 'none', vehicleApi: false, description: 'Access is paused by the operator and can be resumed.' },
  { state: 'revoked', connect: 'none', vehicleApi: false, description: 'Access was withdrawn for good.' },
  { state: 'rejected', connect: 'none', vehicleApi: false, description: 'The request did not qualify.' },
] as const satisfies readonly { readonly state: string; readonly connect: 'test-modes' | 'all' | 'none'; readonly vehicleApi: boolean; readonly description: string }[];

/** One lifecycle state, e.g. `joint_testing`. */
export type LifecycleState = (typeof lifecycleStateCatalog)[number]['state'];

/** Every lifecycle state, in lifecycle order. */
export const lifecycleStates: readonly LifecycleState[] = lifecycleStateCatalog.map((entry) => entry.state);

/** Who may take an action: the operator only, or the developer of the application as well. */
export type LifecycleActor = 'operator' | 'developer';

/**
 * The transition table: each action, the states it leaves from, the state it leads to, whether it
 * must say why (the reason reaches the developer, and refusals quote it) and who may take it.
 * `suspended` leads back to `released` only; `revoked` and `rejected` have no way out.
 */
export const lifecycleTransitionCatalog = [
  { action: 'review', from: ['requested'], to: 'in_review', reasonRequired: false, by: 'operator' },
  { action: 'request_changes', from: ['in_review', 'joint_testing'], to: 'changes_requested', reasonRequired: true, by: 'operator' },
  { action: 'resubmit', from: ['changes_requested'], to: 'requested', reasonRequired: false, by: 'developer' },
  { action: 'approve', from: ['in_review'], to: 'joint_testing', reasonRequired: false, by: 'operator' },
  { action: 'reject', from: ['requested', 'in_review', 'changes_requested'], to: 'rejected', reasonRequired: true, by: 'operator' },
  { action: 'release', from: ['joint_testing'], to: 'released', reasonRequired: false, by: 'operator' },
  { action: 'suspend', from: ['released'], to: 'suspended', reasonRequired: true, by: 'operator' },
  { action: 'resume', from: ['suspended'], to: 'released', reasonRequired: false, by: 'operator' },
  { action: 'revoke', from: ['joint_testing', 'released', 'suspended'], to: 'revoked', reasonRequired: true, by: 'operator' },
] as const satisfies readonly {
  readonly action: string;
  readonly from: readonly LifecycleState[];
  readonly to: LifecycleState;
  readonly reasonRequired: boolean;
  readonly by: LifecycleActor;
}[];

/** One lifecycle action, e.g. `approve`. */
export type LifecycleAction = (typeof lifecycleTransitionCatalog)[number]['action'];

/** Every lifecycle action, in table order. */
export const lifecycleActions: readonly LifecycleAction[] = lifecycleTransitionCatalog.map((entry) => entry.action);

type TransitionEntry = (typeof lifecycleTransitionCatalog)[number];

/** Narrows text (a URL segment, a CLI word, a stored value) to a lifecycle state. */
export function isLifecycleState(value: unknown): value is LifecycleState {
  return lifecycleStates.some((state) => state === value);
}

/** Narrows text to a lifecycle action. */
export function isLifecycleAction(value: unknown): value is LifecycleAction {
  return lifecycleActions.some((action) => action === value);
}

/** What `state` allows; every state has an entry. */
export function lifecycleStateDefinition(state: LifecycleState): (typeof lifecycleStateCatalog)[number] {
  const entry = lifecycleStateCatalog.find((candidate) => candidate.state === state);
  if (entry === undefined) throw new RangeError(`unknown lifecycle state ${state}`);
  return entry;
}

function transitionEntry(action: LifecycleAction): TransitionEntry {
  const entry = lifecycleTransitionCatalog.find((candidate) => candidate.action === action);
  if (entry === undefined) throw new RangeError(`unknown lifecycle action ${action}`);
  return entry;
}

/** Whether `action` must carry a reason. */
export function reasonRequired(action: LifecycleAction): boolean {
  return transitionEntry(action).reasonRequired;
}

/** A state no action leaves. */
export function isTerminalState(state: LifecycleState): boolean {
  return !lifecycleTransitionCatalog.some((entry) => (entry.from as readonly LifecycleState[]).includes(state));
}

/** The actions that leave `state`, in table order. */
export function actionsFrom(state: LifecycleState): LifecycleAction[] {
  return lifecycleTransitionCatalog.filter((entry) => (entry.from as readonly LifecycleState[]).includes(state)).map((entry) => entry.action);
}

/** What a requested transition comes to. */
export type TransitionOutcome =
  | { readonly allowed: true; readonly from: LifecycleState; readonly to: LifecycleState }
  | { readonly allowed: false; readonly reason: string };

/** The request of one transition: the action, who takes it and why. */
export interface TransitionRequest {
  readonly action: LifecycleAction;
  readonly actor: LifecycleActor;
  readonly reason?: string | null;
}

/**
 * Decides one transition from `state`, without side effects. Refusals say why in a sentence a
 * developer or operator can act on.
 * @example transition('in_review', { action: 'approve', actor: 'operator' }) // { allowed: true, from: 'in_review', to: 'joint_testing' }
 */
export function transition(state: LifecycleState, request: TransitionRequest): TransitionOutcome {
  const entry = transitionEntry(request.action);
  const from: readonly LifecycleState[] = entry.from;
  if (entry.by === 'operator' && request.actor !== 'operator') return { allowed: false, reason: `Only an operator can ${describeAction(request.action)} an application.` };
  if (!from.includes(state)) {
    const options = actionsFrom(state);
    const next = options.length === 0 ? `${state} is final` : `from ${state} the application can only ${options.map(describeAction).join(', ')}`;
    return { allowed: false, reason: `An application in state ${state} cannot ${describeAction(request.action)}: ${next}.` };
  }
  if (entry.reasonRequired && (request.reason ?? '').trim() === '') return { allowed: false, reason: `To ${describeAction(request.action)} an application, give a reason: the developer is told it.` };
  return { allowed: true, from: state, to: entry.to };
}

/** An action as a verb phrase, e.g. `request_changes` → `request changes`. */
export function describeAction(action: LifecycleAction): string {
  return action.replace('_', ' ');
}

/**
 * What the platform watches an application do during joint testing. `data_package_used` is kept
 * once per data package; the others once each.
 */
export const observationKinds = ['vehicle_connected', 'data_package_used', 'command_sent', 'webhook_verified', 'webhook_delivered'] as const;

/** One kind of observation. */
export type ObservationKind = (typeof observationKinds)[number];

/** Narrows stored text to an observation kind. */
export function isObservationKind(value: unknown): value is ObservationKind {
  return observationKinds.some((kind) => kind === value);
}
