/** @module The shape of one HTTP capability of Carport, registered by `buildApp` in its own Fastify scope. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app/services.js';

/**
 * One capability of Carport (Connect, the Vehicle API, webhooks, ...). `buildApp` registers each in
 * its own encapsulated scope, so a module adds routes and hooks without touching the others.
 */
export interface CarportModule {
  readonly name: string;
  register(app: FastifyInstance, context: AppContext): Promise<void> | void;
}
