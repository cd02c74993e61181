/** @module The Compatibility API (`/v2.0/compatibility...`): authenticated by the application's client id and secret. */
import type { CarportModule } from '../carport-module.js';
import { registerCompatibilityRoutes } from './compatibility-routes.js';
import { requireClientCredentials } from './require-client-credentials.js';

/** The Compatibility API as every Carport process serves it. */
export const compatibilityModule: CarportModule = {
  name: 'compatibility-api',
  register(scope, context) {
    requireClientCredentials(scope, context);
    registerCompatibilityRoutes(scope);
  },
};
