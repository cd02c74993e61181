/** @module Tests of the pure parts of the partner lifecycle: what each state lets Connect and the Vehicle API do, the checklist, and request checks. */
import { describe, expect, it } from 'vitest';
import { lifecycleStates } from '../../src/catalog/application-lifecycle.js';
import { connectRefusal, vehicleApiRefusal } from '../../src/partner-lifecycle/access-policy.js';
import { computeChecklist, testedDataPackages } from '../../src/partner-lifecycle/checklist.js';
import { checkPartnerRequest } from '../../src/partner-lifecycle/partner-request.js';

describe('access policy', () => {
  it('decides Connect for every state and mode', () => {
    const decisions = lifecycleStates.map((state) => [
      state,
      ...(['live', 'test', 'simulated'] as const).map((mode) => connectRefusal({ lifecycleState: state, lifecycleReason: null, approvedDataPackages: ['vehicle_details'] }, mode, ['read_odometer']) === null),
    ]);
    expect(decisions).toEqual([
      ['requested', false, true, true],
      ['in_review', false, true, true],
      ['changes_requested', false, true, true],
      ['joint_testing', false, true, true],
      ['released', true, true, true],
      ['suspended', false, false, false],
      ['revoked', false, false, false],
      ['rejected', false, false, false],
    ]);
  });

  it('limits live Connect of a released application to its approved packages, naming the scopes outside them', () => {
    const released = { lifecycleState: 'released', lifecycleReason: null, approvedDataPackages: [] } as const;
    expect(connectRefusal(released, 'live', ['read_vin'])).toBe("The scope asks for read_vin, outside the application's approved data packages (none).");
    // Test and simulated vehicles are not owners' real vehicles: the approval does not limit them.
    expect(connectRefusal(released, 'test', ['read_vin'])).toBeNull();
  });

  it('disables the Vehicle API for suspended, revoked and rejected applications, quoting the reason', () => {
    expect(lifecycleStates.filter((state) => vehicleApiRefusal(state, null) !== null)).toEqual(['suspended', 'revoked', 'rejected']);
    expect(vehicleApiRefusal('rejected', 'no privacy policy')).toBe('The application is rejected: its access to the Vehicle API is disabled. Reason: no privacy policy');
  });
});

describe('joint-testing checklist', () => {
  it('covers approved packages once approved, requested ones before', () => {
    expect(testedDataPackages([], ['location'])).toEqual(['location']);
    expect(testedDataPackages(['vehicle_details'], ['location'])).toEqual(['vehicle_details']);
    expect(testedDataPackages([], undefined)).toEqual([]);
  });

  it('marks what was observed with when, and is complete only when everything was', () => {
    const at = '2026-11-22T10:00:00.000Z';
    const partial = computeChecklist(['location'], [{ kind: 'vehicle_connected', subject: '', firstAt: at }, { kind: 'data_package_used', subject: 'charging_status', firstAt: at }]);
    expect(partial).toEqual({
      complete: false,
      items: [
        { item: 'vehicle connected', kind: 'vehicle_connected', dataPackage: null, doneAt: at },
        { item: 'location used', kind: 'data_package_used', dataPackage: 'location', doneAt: null },
        { item: 'command sent', kind: 'command_sent', dataPackage: null, doneAt: null },
        { item: 'webhook verified', kind: 'webhook_verified', dataPackage: null, doneAt: null },
        { item: 'webhook delivery succeeded', kind: 'webhook_delivered', dataPackage: null, doneAt: null },
      ],
    });
    const kinds = ['vehicle_connected', 'command_sent', 'webhook_verified', 'webhook_delivered'] as const;
    expect(computeChecklist([], kinds.map((kind) => ({ kind, subject: '', firstAt: at }))).complete).toBe(true);
  });
});

describe('partner request', () => {
  it('normalises a sound request', () => {
    expect(
      checkPartnerRequest({ company: ' Co ', contactName: 'Ada', contactEmail: 'ada@co.example', intendedUse: 'x', dataPackages: ['location', 'location'], makes: ['nio'], regions: ['EUROPE'] }),
    ).toEqual({
      ok: true,
      request: { company: 'Co', contactName: 'Ada', contactEmail: 'ada@co.example', website: null, intendedUse: 'x', dataPackages: ['location'], makes: ['NIO'], regions: ['EUROPE'], privacyPolicyUrl: null },
    });
  });

  it('names every problem by field', () => {
    expect(
      checkPartnerRequest({ company: '', contactName: 'Ada', contactEmail: 'not-an-email', website: 'ftp://co.example', intendedUse: 'x', dataPackages: [], privacyPolicyUrl: 'privacy' }),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'company', message: 'must not be empty' },
        { field: 'contactEmail', message: 'must be an email address' },
        { field: 'website', message: 'must be an http(s) URL' },
        { field: 'privacyPolicyUrl', message: 'must be an absolute http(s) URL' },
        { field: 'dataPackages', message: 'must name at least one data package' },
      ],
    });
  });
});
