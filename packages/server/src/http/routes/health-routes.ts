/** @module Liveness (`/healthz`) and readiness (`/readyz`) probes for process supervisors and load balancers. */
import { Type } from '@sinclair/typebox';
import type { CarportModule } from '../carport-module.js';
import { isMissingSchemaError, pendingMigrations, type Store } from '../../store/index.js';

/**
 * Whether the tables Carport needs are there: a database that was dropped and re-created, or emptied,
 * still answers pings, and migrations seen complete earlier say nothing about it now.
 */
async function schemaPresent(store: Store): Promise<'ok' | 'missing' | 'unknown'> {
  try {
    await store.db.selectFrom('applications').select('id').limit(1).execute();
    return 'ok';
  } catch (error) {
    return isMissingSchemaError(error) ? 'missing' : 'unknown';
  }
}

const liveBody = Type.Object({ status: Type.Literal('ok') });
const readyBody = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Object({
    database: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    migrations: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('unknown')]),
    schema: Type.Union([Type.Literal('ok'), Type.Literal('missing'), Type.Literal('unknown')]),
    /** `degraded`: the shared limit counters (Redis) are away and requests are admitted uncounted; the process still serves. */
    limits: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
    /** `degraded`: provider events wait in memory for the database (an outage, or the backlog it left); the process still serves. */
    webhookIntake: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  }),
  webhookIntake: Type.Object({
    heldEvents: Type.Integer({ description: 'Provider events waiting to be recorded into the webhook outbox.' }),
    droppedEvents: Type.Integer({ description: 'Events dropped from memory during the current database outage; providers report them again once it ends.' }),
  }),
});

export const healthRoutes: CarportModule = {
  name: 'health',
  register(app, context) {
    // Once migrations are seen complete they stay complete for this process; later checks only ping.
    let migrated = false;
    app.get('/healthz', { schema: { tags: ['Operations'], summary: 'Liveness: 200 while the process runs', response: { 200: liveBody } } }, () => ({
      status: 'ok' as const,
    }));
    app.get(
      '/readyz',
      { schema: { tags: ['Operations'], summary: 'Readiness: 200 once the database answers, migrations ran and the schema is present', response: { 200: readyBody, 503: readyBody } } },
      async (_request, reply) => {
        let database: 'ok' | 'unreachable' = 'ok';
        try {
          await context.store.ping();
        } catch {
          database = 'unreachable';
        }
        let migrations: 'ok' | 'pending' | 'unknown' = migrated ? 'ok' : 'unknown';
        if (!migrated && database === 'ok') {
          migrated = (await pendingMigrations(context.store)).length === 0;
          migrations = migrated ? 'ok' : 'pending';
        }
        const schema = database === 'ok' ? await schemaPresent(context.store) : 'unknown';
        const ready = database === 'ok' && migrations === 'ok' && schema === 'ok';
        const limits = context.limiter.storeHealth();
        const intake = context.webhooks.intake.health();
        return reply.code(ready ? 200 : 503).send({
          status: ready ? 'ready' : 'unavailable',
          checks: { database, migrations, schema, limits, webhookIntake: intake.status },
          webhookIntake: { heldEvents: intake.heldEvents, droppedEvents: intake.droppedEvents },
        });
      },
    );
  },
};
