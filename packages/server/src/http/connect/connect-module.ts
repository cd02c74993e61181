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
import { manufacturerCallbackPath } from '../../connect/manufacturer-login.js';
import { manufacturerLoginOrigin } from './manufacturer-login-origin.js';

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
    const callbackUrl = `${context.config.publicUrl}${manufacturerCallbackPath}`;
    // A flow's pages post forms whose answer may redirect to the application, or to the
    // manufacturer's login page: let the CSP allow both.
    scope.addHook('onSend', (request, reply, payload, done) => {
      const flow = session.flowOf(request);
      const type = reply.getHeader('content-type');
      if (flow !== undefined && typeof type === 'string' && type.startsWith('text/html')) {
        const login = manufacturerLoginOrigin(context.providers, flow, callbackUrl);
        allowFormTargets(reply, login === undefined ? [flow.redirectUri] : [flow.redirectUri, login]);
      }
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
