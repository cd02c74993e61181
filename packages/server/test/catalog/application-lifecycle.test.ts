/** @module Tests of the lifecycle transition table and the pure transition function, exhaustively and by property. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionsFrom,
  isTerminalState,
  lifecycleActions,
  lifecycleStates,
  lifecycleTransitionCatalog,
  reasonRequired,
  transition,
  type LifecycleAction,
  type LifecycleActor,
  type LifecycleState,
} from '../../src/catalog/application-lifecycle.js';

/** The table as the product describes it, written out independently of the catalog's shape: state → action → next state. */
const expected: Readonly<Record<LifecycleState, Partial<Record<LifecycleAction, LifecycleState>>>> = {
  requested: { review: 'in_review', reject: 'rejected' },
  in_review: { request_changes: 'changes_requested', approve: 'joint_testing', reject: 'rejected' },
  changes_requested: { resubmit: 'requested', reject: 'rejected' },
  joint_testing: { request_changes: 'changes_requested', release: 'released', revoke: 'revoked' },
  released: { suspend: 'suspended', revoke: 'revoked' },
  suspended: { resume: 'released', revoke: 'revoked' },
  revoked: {},
  rejected: {},
};

describe('lifecycle transition table', () => {
  for (const state of lifecycleStates) {
    for (const action of lifecycleActions) {
      const to = expected[state][action];
      it(`${state} --${action}--> ${to ?? 'refused'}`, () => {
        const outcome = transition(state, { action, actor: 'operator', reason: 'because' });
        expect(outcome).toEqual(to === undefined ? { allowed: false, reason: expect.stringContaining(`state ${state} cannot`) as unknown } : { allowed: true, from: state, to });
      });
    }
  }

  it('has exactly revoked and rejected as terminal states', () => {
    expect(lifecycleStates.filter(isTerminalState)).toEqual(['revoked', 'rejected']);
  });

  it('says what a state allows instead when refusing', () => {
    expect(transition('released', { action: 'approve', actor: 'operator' })).toEqual({
      allowed: false,
      reason: 'An application in state released cannot approve: from released the application can only suspend, revoke.',
    });
    expect(transition('revoked', { action: 'resume', actor: 'operator' })).toEqual({ allowed: false, reason: 'An application in state revoked cannot resume: revoked is final.' });
  });

  it('requires a reason for reject, request_changes, suspend and revoke, and says so', () => {
    expect(lifecycleActions.filter(reasonRequired)).toEqual(['request_changes', 'reject', 'suspend', 'revoke']);
    expect(transition('released', { action: 'suspend', actor: 'operator', reason: '  ' })).toEqual({
      allowed: false,
      reason: 'To suspend an application, give a reason: the developer is told it.',
    });
  });

  it('lets a developer resubmit but not approve', () => {
    expect(transition('changes_requested', { action: 'resubmit', actor: 'developer' })).toEqual({ allowed: true, from: 'changes_requested', to: 'requested' });
    expect(transition('in_review', { action: 'approve', actor: 'developer' })).toEqual({ allowed: false, reason: 'Only an operator can approve an application.' });
  });

  it('lists the actions leaving each state in table order', () => {
    expect(actionsFrom('in_review')).toEqual(['request_changes', 'approve', 'reject']);
    expect(actionsFrom('rejected')).toEqual([]);
  });

  it('agrees with the catalog for any state, action, actor and reason (property)', () => {
    const states = fc.constantFrom(...lifecycleStates);
    const actions = fc.constantFrom(...lifecycleActions);
    const actors = fc.constantFrom<LifecycleActor>('operator', 'developer');
    fc.assert(
      fc.property(states, actions, actors, fc.option(fc.string(), { nil: null }), (state, action, actor, reason) => {
        const entry = lifecycleTransitionCatalog.find((candidate) => candidate.action === action);
        const from: readonly string[] = entry?.from ?? [];
        const outcome = transition(state, { action, actor, reason });
        const permitted = (entry?.by === 'developer' || actor === 'operator') && from.includes(state) && (entry?.reasonRequired !== true || (reason ?? '').trim() !== '');
        expect(outcome.allowed).toBe(permitted);
        if (outcome.allowed) expect(outcome.to).toBe(entry?.to);
      }),
    );
  });

  it('reaches released from requested only through review, approval and release; nothing leaves revoked or rejected (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lifecycleActions), { maxLength: 30 }), (actions) => {
        let state: LifecycleState = 'requested';
        const visited: LifecycleState[] = [state];
        for (const action of actions) {
          const outcome = transition(state, { action, actor: 'operator', reason: 'why' });
          if (isTerminalState(state)) expect(outcome.allowed).toBe(false);
          if (outcome.allowed) {
            state = outcome.to;
            visited.push(state);
          }
        }
        const firstRelease = visited.indexOf('released');
        if (firstRelease >= 0) expect(visited.slice(0, firstRelease)).toContain('joint_testing');
      }),
    );
  });
});
