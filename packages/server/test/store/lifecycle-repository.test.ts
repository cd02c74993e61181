/** @module Tests of the lifecycle storage on both databases: requests, state changes with their timeline, observations, and the migration of existing applications. */
import { expect, it } from 'vitest';
import { Migrator, type Kysely } from 'kysely';
import { dataPackageIds } from '../../src/catalog/permissions.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migrateToLatest, type PartnerRequest } from '../../src/store/index.js';
import { requestAccess } from '../../src/partner-lifecycle/request-access.js';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor } from './fixtures.js';

const request: PartnerRequest = {
  company: 'Charge Co',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@charge.example',
  website: 'https://charge.example',
  intendedUse: 'Smart charging at off-peak tariffs.',
  dataPackages: ['charging_status', 'control_charging'],
  makes: ['NIO'],
  regions: ['EUROPE'],
  privacyPolicyUrl: 'https://charge.example/privacy',
};

describeEachDatabase('lifecycle repository', (getStore) => {
  it('stores a request for access with the application in requested, nothing approved, and the creation on the timeline', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const created = await requestAccess(repositories, { name: 'Charge Co app', redirectUris: ['https://charge.example/cb'], requestedBy: 'developer:dev-1' }, request);
    expect(created.application).toMatchObject({ lifecycleState: 'requested', lifecycleReason: null, approvedDataPackages: [] });
    expect(await repositories.lifecycle.findRequest(created.application.id)).toEqual({ ...request, submittedAt: '2026-11-22T02:24:42.000Z', updatedAt: '2026-11-22T02:24:42.000Z' });
    expect(await repositories.lifecycle.timeline(created.application.id)).toEqual([
      { at: '2026-11-22T02:24:42.000Z', from: null, to: 'requested', action: 'create', actor: 'developer:dev-1', reason: null },
    ]);
  });

  it('changes state only from the state expected, appends each step in order, and sets approved packages with the step', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application } = await requestAccess(repositories, { name: 'A', redirectUris: [], requestedBy: 'cli' }, request);
    expect(await repositories.lifecycle.changeState(application.id, { from: 'requested', to: 'in_review', action: 'review', actor: 'operator:7', reason: null })).toBe(true);
    clock.advance(1000);
    expect(await repositories.lifecycle.changeState(application.id, { from: 'requested', to: 'in_review', action: 'review', actor: 'operator:8', reason: null })).toBe(false);
    expect(
      await repositories.lifecycle.changeState(application.id, { from: 'in_review', to: 'joint_testing', action: 'approve', actor: 'operator:7', reason: null, approvedDataPackages: ['charging_status'] }),
    ).toBe(true);
    expect(await repositories.lifecycle.changeState(application.id, { from: 'joint_testing', to: 'revoked', action: 'revoke', actor: 'operator:7', reason: 'fraud' })).toBe(true);
    expect(await repositories.applications.findById(application.id)).toMatchObject({ lifecycleState: 'revoked', lifecycleReason: 'fraud', approvedDataPackages: ['charging_status'] });
    expect(await repositories.applications.findPlanStanding(application.id)).toMatchObject({ lifecycleState: 'revoked', lifecycleReason: 'fraud' });
    expect(await repositories.lifecycle.timeline(application.id)).toEqual([
      { at: '2026-11-22T02:24:42.000Z', from: null, to: 'requested', action: 'create', actor: 'cli', reason: null },
      { at: '2026-11-22T02:24:42.000Z', from: 'requested', to: 'in_review', action: 'review', actor: 'operator:7', reason: null },
      { at: '2026-11-22T02:24:43.000Z', from: 'in_review', to: 'joint_testing', action: 'approve', actor: 'operator:7', reason: null },
      { at: '2026-11-22T02:24:43.000Z', from: 'joint_testing', to: 'revoked', action: 'revoke', actor: 'operator:7', reason: 'fraud' },
    ]);
    expect(await repositories.lifecycle.changeState('00000000-0000-4000-8000-000000000000', { from: 'requested', to: 'in_review', action: 'review', actor: 'cli', reason: null })).toBe(false);
  });

  it('replaces a resubmitted request, keeping when it was first submitted', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const { application } = await requestAccess(repositories, { name: 'A', redirectUris: [], requestedBy: 'cli' }, request);
    clock.advance(60_000);
    const changed = { ...request, intendedUse: 'Charging and location-based tariffs.', dataPackages: ['charging_status', 'location'] as const };
    expect(await repositories.lifecycle.saveRequest(application.id, changed)).toEqual({ ...changed, submittedAt: '2026-11-22T02:24:42.000Z', updatedAt: '2026-11-22T02:25:42.000Z' });
  });

  it('keeps the first time of each observation and writes each at most once per process', async () => {
    const clock = createTestClock();
    const store = getStore();
    const repositories = repositoriesFor(store, clock);
    const { application } = await repositories.applications.createApplication({ name: 'A', redirectUris: [] });
    await repositories.lifecycle.observe(application.id, 'vehicle_connected');
    clock.advance(1000);
    await repositories.lifecycle.observe(application.id, 'data_package_used', 'location');
    await repositories.lifecycle.observe(application.id, 'vehicle_connected');
    // Another process (its own repositories) writing the same observation leaves the first time alone.
    await repositoriesFor(store, clock).lifecycle.observe(application.id, 'vehicle_connected');
    expect(await repositories.lifecycle.observations(application.id)).toEqual([
      { kind: 'vehicle_connected', subject: '', firstAt: '2026-11-22T02:24:42.000Z' },
      { kind: 'data_package_used', subject: 'location', firstAt: '2026-11-22T02:24:43.000Z' },
    ]);
    // Removed behind this process's back: the process does not write it again (one write per kind, not per request).
    await store.db.deleteFrom('lifecycle_observations').execute();
    await repositories.lifecycle.observe(application.id, 'vehicle_connected');
    expect(await repositories.lifecycle.observations(application.id)).toEqual([]);
  });

  it('migrates applications registered before the lifecycle to released with every data package approved', async () => {
    const store = getStore();
    const repositories = repositoriesFor(store, createTestClock());
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: () => Promise.resolve({ ...migrations }) } });
    expect((await migrator.migrateTo('0014_outbox_claim_indexes')).error).toBeUndefined();
    const legacy = store.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await legacy
      .insertInto('applications')
      .values({
        id: '00000000-0000-4000-8000-000000000016',
        client_id: 'legacy-client',
        client_secret_hash: null,
        redirect_uris: '[]',
        management_token_hash: 'hash',
        management_token_encrypted: 'encrypted',
        name: 'Legacy',
        default_scope: '[]',
        created_at: '2026-11-22T02:24:42.000Z',
        updated_at: '2026-11-22T02:24:42.000Z',
        secret_rotated_at: null,
      })
      .execute();
    await migrateToLatest(store);
    expect(await repositories.applications.findByClientId('legacy-client')).toMatchObject({ lifecycleState: 'released', lifecycleReason: null, approvedDataPackages: [...dataPackageIds] });
    expect(await repositories.lifecycle.timeline('00000000-0000-4000-8000-000000000016')).toEqual([]);
  });
});
