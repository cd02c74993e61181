/** @module `buildApp(config)`: the whole HTTP application, built apart from `listen()` so tests inject requests. */
import { randomUUID } from 'node:crypto';
import fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactoryHandler } from 'fastify';
import type { Config } from '../config/load-config.js';
import { createServices, type ServiceOverrides } from '../app/create-services.js';
import type { AppContext } from '../app/services.js';
import type { HeldPort } from './held-port.js';
import type { CarportModule } from './carport-module.js';
import { sharedSchemas } from '../catalog/operations/index.js';
import { frameworkErrorHandler, registerErrorHandling } from './error-handler.js';
import { recordRoutes } from './route-directory.js';
import { OneLinePerRequest, registerAnsweredError } from './request-log.js';
import { DeferredChildLogger } from '../logging/deferred-child-logger.js';
import { registerJsonBodyParser, treatMissingBodyAsEmptyObject } from './json-body-parser.js';
import { refuseNonFiniteQueryNumbers } from './finite-numbers.js';
import { refuseNulCharacters } from './nul-characters.js';
import { clientErrorHandler } from './client-error-response.js';
import { openApiDocumentOf, registerOpenApiRoutes } from './openapi.js';
import { errorReferencePage } from './routes/error-reference-page.js';
import { teslaPartnerKeyRoute } from './routes/tesla-partner-key.js';
import { healthRoutes } from './routes/health-routes.js';
import { registerResponseHeaders } from './security-headers.js';
import { stripUndefinedQueryValues } from './undefined-query-values.js';
import { buildRequestValidator } from './request-validators.js';
import { serverTimeoutOptions } from './server-timeouts.js';
import { adminModule } from './admin/admin-module.js';
import { vehicleApiModule } from './vehicle-api/vehicle-api-module.js';
import { webhooksModule } from './webhooks-api/webhooks-module.js';
import { managementApiModule } from './management-api/management-api-module.js';
import { compatibilityModule } from './compatibility-api/compatibility-module.js';
import { connectModule, tokenEndpointModule } from './connect/connect-module.js';
import { demoCallbackPage } from './routes/demo-callback-page.js';
import { docsSiteModule } from './docs-site/docs-site-module.js';
import { landingPage } from './routes/landing-page.js';
import { dashboardModule } from './dashboard/dashboard-module.js';

/** What `createServices` takes (logger, store, clock, providers), plus what only an HTTP app has. */
export interface BuildAppOptions extends ServiceOverrides {
  /** Modules beyond the built-in ones; later capabilities plug in here. */
  readonly modules?: readonly CarportModule[];
  /**
   * A port already listening: the app serves it once ready (instead of `listen()`), and closing the
   * app stops it accepting connections and waits for those open to end.
   */
  readonly heldPort?: HeldPort;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The services this app was built with. */
    carport: AppContext;
  }
}

/** Modules every Carport process serves. */
export const defaultModules: readonly CarportModule[] = [healthRoutes, landingPage, errorReferencePage, docsSiteModule, vehicleApiModule, connectModule, tokenEndpointModule, demoCallbackPage, managementApiModule, compatibilityModule, webhooksModule, adminModule, dashboardModule(), teslaPartnerKeyRoute];

/**
 * Builds the application over `createServices` (which opens and migrates the database), starts the
 * services' background work, then registers every module. Closing the app drains background work,
 * then closes the database it opened.
 * @example
 * const app = await buildApp(loadConfig({ env: { DATABASE_URL: 'sqlite::memory:', CARPORT_SECRET_KEY: key } }));
 * const response = await app.inject({ method: 'GET', url: '/healthz' });
 */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const services = await createServices(config, options);
  const context: AppContext = services;
  // Widened to Fastify's logger type so the app is a plain FastifyInstance every module accepts.
  const fastifyLogger: FastifyBaseLogger = services.logger;
  const heldPort = options.heldPort;
  let serveRequest: FastifyServerFactoryHandler | undefined;
  const app = fastify({
    ...(heldPort === undefined
      ? {}
      : {
          serverFactory: (handler: FastifyServerFactoryHandler) => {
            serveRequest = handler;
            return heldPort.server;
          },
        }),
    loggerInstance: fastifyLogger,
    genReqId: () => randomUUID(),
    // Every request gets a logger carrying its id; it is made only if the request logs through it.
    childLoggerFactory: (_parent, bindings, options) => new DeferredChildLogger(services.logger, bindings, options),
    logController: new OneLinePerRequest(services.logger),
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: 'idle',
    ...serverTimeoutOptions(config),
    return503OnClosing: true,
    // Report every offending field in one VALIDATION answer, not only the first.
    ajv: { customOptions: { allErrors: true } },
    schemaController: { compilersFactory: { buildValidator: buildRequestValidator } },
    // A URL Fastify cannot route (bad percent-encoding, ...) is answered in the catalog's shape too.
    frameworkErrors: frameworkErrorHandler(config.errorDocsUrl),
    clientErrorHandler: clientErrorHandler(config.errorDocsUrl),
  });
  app.decorate('carport', context);
  const routes = recordRoutes(app);
  registerAnsweredError(app);
  await services.start();
  // Responses sent while draining close their connection; otherwise a keep-alive socket that goes
  // idle after close() began would hold shutdown open until the keep-alive timeout.
  let draining = false;
  app.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  if (heldPort !== undefined) {
    app.addHook('onReady', (done) => {
      if (serveRequest !== undefined) heldPort.serve(serveRequest);
      done();
    });
    // Fastify closes only a server it made listen itself; this one waits for requests in flight
    // (answered with `Connection: close` by now) before background work and the database stop.
    app.addHook('preClose', () => heldPort.close());
  }
  app.addHook('onReady', (done) => {
    services.connectCounters();
    done();
  });
  app.addHook('onClose', () => services.close());
  // One onSend step for every response header Carport adds: each hook costs every request a step.
  registerResponseHeaders(app, () => draining, { strictTransportSecurity: config.publicUrl.startsWith('https:') });
  stripUndefinedQueryValues(app);
  registerJsonBodyParser(app);
  treatMissingBodyAsEmptyObject(app);
  refuseNonFiniteQueryNumbers(app);
  refuseNulCharacters(app);
  registerErrorHandling(app, config.errorDocsUrl, routes);
  // Shared by reference (`$ref: 'ErrorBody'`) from every route's error answers.
  for (const schema of sharedSchemas) app.addSchema(schema);
  for (const module of [...defaultModules, ...(options.modules ?? [])]) {
    await app.register(
      async (scope) => {
        await module.register(scope, context);
      },
      { name: module.name },
    );
  }
  registerOpenApiRoutes(app, openApiDocumentOf(context));
  return app;
}
