/** @module Connect (`/oauth/authorize`, `/connect/...`) and the token endpoint (`POST /oauth/token`). */
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import { FlowSealer } from '../../connect/flow-state.js';
import type { CarportModule } from '../carport-module.js';
import { registerTokenRoute } from '../oauth/token-route.js';
import { connectScript, connectStylesheet } from './connect-assets.js';
import { registerConnectFlowRoutes } from './connect-flow-routes.js';
import { allowFormTargets } from '../security-headers.js';
import { FlowSession } from './flow-session.js';
import { registerOwnerRoutes } from './owner-routes.js';
import { registerBatteryCapacityRoutes } from './battery-capacity-routes.js';
import { SignInThrottle } from '../../connect/sign-in-throttle.js';

export const connectModule: CarportModule = {
  name: 'connect',
  async register(scope, context) {
    await scope.register(cookie);
    await scope.register(formBody);
    scope.get('/connect/assets/connect.css', (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(connectStylesheet),
    );
    scope.get('/connect/assets/connect.js', (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(connectScript),
    );
    const session = new FlowSession(new FlowSealer(context.config.secretKey), context.config, context.repositories.finishedFlows);
    // A flow's pages post forms whose answer may redirect to the application: let the CSP allow it.
    scope.addHook('onSend', (request, reply, payload, done) => {
      const redirectUri = session.redirectUriOf(request);
      const type = reply.getHeader('content-type');
      if (redirectUri !== undefined && typeof type === 'string' && type.startsWith('text/html')) allowFormTargets(reply, [redirectUri]);
      done(null, payload);
    });
    const throttle = new SignInThrottle();
    registerConnectFlowRoutes(scope, context, session, throttle);
    registerOwnerRoutes(scope, context, session, throttle);
    registerBatteryCapacityRoutes(scope, context, session.basePath);
  },
};

export const tokenEndpointModule: CarportModule = {
  name: 'token-endpoint',
  async register(scope, context) {
    await registerTokenRoute(scope, context);
  },
};
