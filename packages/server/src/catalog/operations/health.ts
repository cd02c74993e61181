/** @module Liveness (`/healthz`) and readiness (`/readyz`): the probes process supervisors and load balancers call, and their answers. */
import { Type } from '@sinclair/typebox';
import { operationById, type OperationDefinition } from './operation.js';

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

/** Both probes; they have no operationId in the document, as they are not part of the client API. */
export const healthOperations = [
  { id: 'liveness', method: 'GET', url: '/healthz', schema: { summary: 'Liveness: 200 while the process runs', tags: ['Operations'], response: { 200: liveBody } } },
  {
    id: 'readiness',
    method: 'GET',
    url: '/readyz',
    schema: { summary: 'Readiness: 200 once the database answers, migrations ran and the schema is present', tags: ['Operations'], response: { 200: readyBody, 503: readyBody } },
  },
] as const satisfies readonly OperationDefinition[];

/** The probe with this id, typed by its schemas. */
export function healthOperation<Id extends (typeof healthOperations)[number]['id']>(id: Id): Extract<(typeof healthOperations)[number], { readonly id: Id }> {
  return operationById(healthOperations, id);
}
