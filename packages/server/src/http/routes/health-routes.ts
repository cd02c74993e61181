/** @module Liveness (`/healthz`) and readiness (`/readyz`) probes for process supervisors and load balancers. */
import { healthOperation } from '../../catalog/operations/index.js';
import type { CarportModule } from '../carport-module.js';
import { operationRoute } from '../catalog-route.js';
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

export const healthRoutes: CarportModule = {
  name: 'health',
  register(app, context) {
    // Once migrations are seen complete they stay complete for this process; later checks only ping.
    let migrated = false;
    app.route({ ...operationRoute(healthOperation('liveness')), handler: () => ({ status: 'ok' as const }) });
    app.route({
      ...operationRoute(healthOperation('readiness')),
      handler: async (_request, reply) => {
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
    });
  },
};
