/** @module One log line per request, written when the response is sent, with what an operator looks for. */
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

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
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // The completion line records the request too.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const applicationId = request.access?.applicationId ?? request.managedApplication?.id;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime, applicationId, error: reply.answeredError };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

/** Lets `sendApiError` record its answer on every reply (call before any route is registered). */
export function registerAnsweredError(app: FastifyInstance): void {
  app.decorateReply('answeredError', undefined);
}
