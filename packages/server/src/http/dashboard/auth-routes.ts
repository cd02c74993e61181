/** @module Sign up, sign in (with its second-factor step), sign out, forgot and reset password. */
import type { FastifyInstance } from 'fastify';
import { forgotPasswordPage, messagePage, resetPasswordPage, secondFactorPage, signInPage, signUpPage } from './pages/auth-pages.js';
import { formField, type RouteKit } from './route-kit.js';

const refusedSignIn = { email: 'The email address or password is not right.' };

export function registerAuthRoutes(scope: FastifyInstance, kit: RouteKit): void {
  const { basePath, accounts, sessions } = kit;

  scope.get('/dashboard/sign-up', (request, reply) => kit.page(reply, signUpPage({ basePath, csrfToken: kit.csrfToken(request, reply) })));
  scope.post('/dashboard/sign-up', async (request, reply) => {
    const values = { email: formField(request.body, 'email'), teamName: formField(request.body, 'teamName') };
    const outcome = await accounts.signUp({ ...values, password: formField(request.body, 'password') });
    if (!outcome.ok) return kit.page(reply, signUpPage({ basePath, csrfToken: kit.csrfToken(request, reply), problems: outcome.problems, values }), 400);
    await sessions.begin(reply, request.dashboardState, outcome.value.account.id, 'signed-in');
    return kit.seeOther(reply, '');
  });

  scope.get('/dashboard/sign-in', (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const message = 'password-set' in query ? 'Your password is set. Sign in with it.' : 'signed-out' in query ? 'You are signed out.' : undefined;
    return kit.page(reply, signInPage({ basePath, csrfToken: kit.csrfToken(request, reply), ...(message === undefined ? {} : { message }) }));
  });
  scope.post('/dashboard/sign-in', async (request, reply) => {
    const email = formField(request.body, 'email');
    const outcome = await accounts.signIn(email, formField(request.body, 'password'), request.ip);
    if (outcome.kind === 'throttled') {
      const problems = { email: `Too many failed attempts. Try again in ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes.` };
      return kit.page(reply.header('Retry-After', String(outcome.retryAfterSeconds)), signInPage({ basePath, csrfToken: kit.csrfToken(request, reply), problems, values: { email } }), 429);
    }
    if (outcome.kind === 'refused') return kit.page(reply, signInPage({ basePath, csrfToken: kit.csrfToken(request, reply), problems: refusedSignIn, values: { email } }), 400);
    await sessions.begin(reply, request.dashboardState, outcome.account.id, outcome.kind === 'signed-in' ? 'signed-in' : 'mfa-pending');
    return kit.seeOther(reply, outcome.kind === 'signed-in' ? '' : '/sign-in/second-factor');
  });

  scope.get('/dashboard/sign-in/second-factor', async (request, reply) => {
    if (request.dashboardState?.session.stage !== 'mfa-pending') return kit.seeOther(reply, '/sign-in');
    return kit.page(reply, secondFactorPage({ basePath, csrfToken: kit.csrfToken(request, reply) }));
  });
  scope.post('/dashboard/sign-in/second-factor', async (request, reply) => {
    const state = request.dashboardState;
    if (state?.session.stage !== 'mfa-pending') return kit.seeOther(reply, '/sign-in');
    const verdict = await accounts.checkSecondFactor(state.account, formField(request.body, 'code'), request.ip);
    if (verdict === 'refused') {
      return kit.page(reply, secondFactorPage({ basePath, csrfToken: kit.csrfToken(request, reply), problems: { code: 'That code is not right. Enter the code your app shows now.' } }), 400);
    }
    if (verdict !== 'accepted') {
      const problems = { code: `Too many failed attempts. Try again in ${Math.ceil(verdict.retryAfterSeconds / 60)} minutes.` };
      return kit.page(reply.header('Retry-After', String(verdict.retryAfterSeconds)), secondFactorPage({ basePath, csrfToken: kit.csrfToken(request, reply), problems }), 429);
    }
    await sessions.begin(reply, state, state.account.id, 'signed-in');
    return kit.seeOther(reply, '');
  });

  scope.post('/dashboard/sign-out', async (request, reply) => {
    await sessions.end(reply, request.dashboardState);
    return kit.seeOther(reply, '/sign-in?signed-out=1');
  });

  scope.get('/dashboard/forgot-password', (request, reply) => kit.page(reply, forgotPasswordPage({ basePath, csrfToken: kit.csrfToken(request, reply) })));
  scope.post('/dashboard/forgot-password', async (request, reply) => {
    const email = formField(request.body, 'email');
    await accounts.requestPasswordReset(email);
    const message = 'If an account has this email address, a link to reset its password is on its way. The link works once, for one hour.';
    return kit.page(reply, forgotPasswordPage({ basePath, csrfToken: kit.csrfToken(request, reply), message, values: { email } }));
  });

  scope.get<{ Params: { token: string } }>('/dashboard/reset-password/:token', (request, reply) =>
    kit.page(reply, resetPasswordPage({ basePath, csrfToken: kit.csrfToken(request, reply), token: request.params.token })),
  );
  scope.post<{ Params: { token: string } }>('/dashboard/reset-password/:token', async (request, reply) => {
    const outcome = await accounts.resetPassword(request.params.token, formField(request.body, 'password'));
    if (!outcome.ok && outcome.problems.token !== undefined) {
      return kit.page(reply, messagePage({ basePath, title: 'This link no longer works', message: outcome.problems.token, linkText: 'Ask for a new link', linkPath: '/forgot-password' }), 410);
    }
    if (!outcome.ok) return kit.page(reply, resetPasswordPage({ basePath, csrfToken: kit.csrfToken(request, reply), token: request.params.token, problems: outcome.problems }), 400);
    await sessions.end(reply, request.dashboardState);
    return kit.seeOther(reply, '/sign-in?password-set=1');
  });
}
