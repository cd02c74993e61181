/** @module One log line per request, written when the response is sent, with what an operator looks for. */
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { requestLineLogger } from '../logging/logger.js';

declare module 'fastify' {
  interface FastifyReply {
    /** The catalog pair this response answered with, for the request's log line (set by `sendApiError`). */
    answeredError: { readonly type: string; readonly code: string | null } | undefined;
  }
}

/**
 * Fastify's request logging, one line per request instead of two ("incoming request" and "request
 * completed"): each line is a synchronous write, and the second can carry everything the first did,
 * plus the application and the catalog error the response answered with.
 */
export class OneLinePerRequest extends LogController {
  readonly #lines: Logger;

  /** `logger`: the app's logger, whose destination and level the request lines share. */
  constructor(logger: Logger) {
    super({ requestIdLogLabel: 'requestId' });
    this.#lines = requestLineLogger(logger);
  }

  override incomingRequest(): void {
    // The completion line records the request too.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const applicationId = request.access?.applicationId ?? request.managedApplication?.id;
    // The vehicle as the application knows it, on Vehicle API routes that name one.
    const vehicleId = request.access === undefined ? undefined : vehicleIdOf(request.params);
    const responseTime = reply.elapsedTime;
    // Each line's fields are written out rather than spread from one object: a spread with further
    // properties costs microseconds on Node 20, and every request writes a line.
    // An error object can carry anything, so its line goes through the redacting request logger.
    if (error) reply.log.error({ req: request, res: reply, responseTime, applicationId, vehicleId, error: reply.answeredError, err: error }, 'request errored');
    else this.#lines.info({ requestId: request.id, req: request, res: reply, responseTime, applicationId, vehicleId, error: reply.answeredError }, 'request completed');
  }
}

function vehicleIdOf(params: unknown): string | undefined {
  if (params === null || typeof params !== 'object' || !('id' in params)) return undefined;
  return typeof params.id === 'string' ? params.id : undefined;
}

/** Lets `sendApiError` record its answer on every reply (call before any route is registered). */
export function registerAnsweredError(app: FastifyInstance): void {
  app.decorateReply('answeredError', undefined);
}
