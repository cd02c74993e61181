/**
 * @module The partner lifecycle's operations: the application's own view on the Management API
 * (management token) and the operator's routes on the admin API (`CARPORT_ADMIN_TOKEN`), with the
 * schemas that validate, serialise and document them.
 */
import { Type } from '@sinclair/typebox';
import { lifecycleActions, lifecycleStates, observationKinds } from '../application-lifecycle.js';
import { dataPackageIds } from '../permissions.js';
import { closedObject, nullable } from '../endpoints/shared.js';
import { apiVersionPrefix, operationById, withErrorResponses, type OperationDefinition } from './operation.js';

const stateSchema = Type.Union(lifecycleStates.map((state) => Type.Literal(state)), { description: 'The lifecycle state (docs/lifecycle.md).' });
const actionSchema = Type.Union(lifecycleActions.map((action) => Type.Literal(action)), { description: 'A lifecycle action (docs/lifecycle.md).' });
const dataPackageSchema = Type.Union(dataPackageIds.map((id) => Type.Literal(id)));
const text = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });

/** What a partner sends when asking for access (resubmitting may replace it). */
export const partnerRequestBody = closedObject({
  company: text(200, 'The company asking for access.'),
  contactName: text(200, 'Whom the operator talks to.'),
  contactEmail: text(320, "The contact's email address."),
  website: Type.Optional(nullable(Type.String({ maxLength: 2048 }))),
  intendedUse: text(4000, 'What the integration does for vehicle owners.'),
  dataPackages: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 32, description: 'The data packages asked for (docs/permissions.md).' }),
  makes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100, description: 'Make ids, e.g. `NIO`.' })),
  regions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 16 }), { maxItems: 3, description: '`US`, `CA`, `EUROPE`.' })),
  privacyPolicyUrl: Type.Optional(nullable(Type.String({ maxLength: 2048 }))),
});

const partnerRequestSchema = closedObject({
  company: Type.String(),
  contactName: Type.String(),
  contactEmail: Type.String(),
  website: nullable(Type.String()),
  intendedUse: Type.String(),
  dataPackages: Type.Array(dataPackageSchema),
  makes: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  privacyPolicyUrl: nullable(Type.String()),
  submittedAt: Type.String(),
  updatedAt: Type.String(),
});

/** The lifecycle of one application as both APIs answer it. */
export const lifecycleViewSchema = closedObject(
  {
    clientId: Type.String(),
    name: Type.String(),
    state: stateSchema,
    reason: nullable(Type.String({ description: 'Why the application is in its state, when the step into it said why.' })),
    nextActions: Type.Array(actionSchema, { description: 'The actions that leave the current state.' }),
    approvedDataPackages: Type.Array(dataPackageSchema, { description: 'What live Connect may ask for once released.' }),
    request: nullable(partnerRequestSchema),
    timeline: Type.Array(
      closedObject({
        at: Type.String(),
        from: nullable(stateSchema),
        to: stateSchema,
        action: Type.String({ description: 'A lifecycle action, or `create`.' }),
        actor: Type.String({ description: '`cli`, `system`, `operator:<id>` or `developer:<id>`.' }),
        reason: nullable(Type.String()),
      }),
    ),
    checklist: closedObject({
      complete: Type.Boolean(),
      items: Type.Array(
        closedObject({
          item: Type.String(),
          kind: Type.Union(observationKinds.map((kind) => Type.Literal(kind))),
          dataPackage: nullable(dataPackageSchema),
          doneAt: nullable(Type.String({ description: 'When the platform first saw it; null while open.' })),
        }),
      ),
    }),
  },
  { description: "The application's partner lifecycle: state, request, timeline and joint-testing checklist." },
);

/** Body of an operator's action. */
const actionBody = closedObject({
  reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required for reject, request_changes, suspend and revoke; the developer is told it.' })),
  dataPackages: Type.Optional(Type.Array(dataPackageSchema, { minItems: 1, description: '`approve`: the packages approved; default those requested.' })),
  force: Type.Optional(Type.Boolean({ description: '`release`: release although the joint-testing checklist is open.' })),
});

const resubmitBody = closedObject({ request: Type.Optional(partnerRequestBody) });

const lifecyclePath = `${apiVersionPrefix}/management/lifecycle`;
const adminApplication = '/admin/applications/:client_id/lifecycle';
const clientParams = Type.Object({ client_id: Type.String({ minLength: 1, maxLength: 200, description: 'The application’s client id.' }) });

/** Every lifecycle operation: the Management API's first (public), then the admin API's. */
export const lifecycleManagementOperations = [
  {
    id: 'getLifecycle',
    method: 'GET',
    url: lifecyclePath,
    schema: {
      operationId: 'getLifecycle',
      summary: "Show the application's partner lifecycle",
      description: 'State, partner request, timeline and the joint-testing checklist the platform fills as it observes the application.',
      tags: ['Lifecycle'],
      security: [{ managementToken: [] }],
      response: withErrorResponses({ 200: lifecycleViewSchema }),
    },
  },
  {
    id: 'resubmitLifecycleRequest',
    method: 'POST',
    url: `${lifecyclePath}/resubmit`,
    schema: {
      operationId: 'resubmitLifecycleRequest',
      summary: 'Resubmit the request after the operator asked for changes',
      description: 'Optionally replaces the partner request, then moves the application from `changes_requested` back to `requested`.',
      tags: ['Lifecycle'],
      security: [{ managementToken: [] }],
      body: resubmitBody,
      response: withErrorResponses({ 200: lifecycleViewSchema }),
    },
  },
] as const satisfies readonly OperationDefinition[];

/** The operator's lifecycle routes on the admin API. */
export const adminLifecycleOperations = [
  {
    id: 'listApplicationLifecycles',
    method: 'GET',
    url: '/admin/applications',
    schema: {
      querystring: Type.Object({ state: Type.Optional(stateSchema) }),
      response: withErrorResponses({
        200: closedObject({ applications: Type.Array(closedObject({ clientId: Type.String(), name: Type.String(), state: stateSchema, reason: nullable(Type.String()) })) }),
      }),
    },
  },
  { id: 'showApplicationLifecycle', method: 'GET', url: adminApplication, schema: { params: clientParams, response: withErrorResponses({ 200: lifecycleViewSchema }) } },
  {
    id: 'takeLifecycleAction',
    method: 'POST',
    url: `${adminApplication}/:action`,
    schema: { params: Type.Object({ client_id: clientParams.properties.client_id, action: actionSchema }), body: Type.Optional(actionBody), response: withErrorResponses({ 200: lifecycleViewSchema }) },
  },
] as const satisfies readonly OperationDefinition[];

/** The lifecycle operation with this id, typed by its schemas. */
export function lifecycleOperation<Id extends (typeof lifecycleManagementOperations)[number]['id']>(id: Id): Extract<(typeof lifecycleManagementOperations)[number], { readonly id: Id }> {
  return operationById(lifecycleManagementOperations, id);
}

/** The admin lifecycle operation with this id, typed by its schemas. */
export function adminLifecycleOperation<Id extends (typeof adminLifecycleOperations)[number]['id']>(id: Id): Extract<(typeof adminLifecycleOperations)[number], { readonly id: Id }> {
  return operationById(adminLifecycleOperations, id);
}
