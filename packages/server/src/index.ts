/** @module Public surface of the Carport server package, used by the CLI and by embedders: everything in `core.ts` plus the HTTP server and its lifecycle. */
export * from './core.js';
export { buildApp, defaultModules, type BuildAppOptions } from './http/build-app.js';
export type { CarportModule } from './http/carport-module.js';
export { launchServer, startServer, installShutdownHandlers, type RunningServer, type ServerOutput } from './lifecycle/run-server.js';
