/** @module The pages before sign-in: sign up, sign in and its second-factor step, forgot and reset password, and refusals. */
import { MIN_PASSWORD_LENGTH, type FieldProblems } from '../../../accounts/index.js';
import { html } from '../../html.js';
import { csrfField, errorSummary, field, notice } from './form-parts.js';
import { renderDashboardPage } from './layout.js';

export interface FormPage {
  readonly basePath: string;
  readonly csrfToken: string;
  readonly problems?: FieldProblems;
  readonly values?: Readonly<Record<string, string>>;
  readonly message?: string;
}

const passwordHint = `At least ${MIN_PASSWORD_LENGTH} characters, and not your email address.`;

export function signUpPage(page: FormPage): string {
  const base = `${page.basePath}/dashboard`;
  const problems = page.problems ?? {};
  return renderDashboardPage({
    basePath: page.basePath,
    title: 'Create an account',
    body: html`<h1>Create a developer account</h1>
${errorSummary(problems)}
<form method="post" action="${base}/sign-up" class="card" novalidate>
${csrfField(page.csrfToken)}
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: page.values?.email ?? '' }, problems)}
${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', hint: passwordHint }, problems)}
${field({ name: 'teamName', label: 'Team name', type: 'text', autocomplete: 'organization', value: page.values?.teamName ?? '', hint: 'Your team owns your applications; invite others to it later.' }, problems)}
<button type="submit" class="primary">Create account</button>
</form>
<p>Already have an account? <a href="${base}/sign-in">Sign in</a></p>`,
  });
}

export function signInPage(page: FormPage): string {
  const base = `${page.basePath}/dashboard`;
  const problems = page.problems ?? {};
  return renderDashboardPage({
    basePath: page.basePath,
    title: 'Sign in',
    body: html`<h1>Sign in</h1>
${notice(page.message)}
${errorSummary(problems)}
<form method="post" action="${base}/sign-in" class="card" novalidate>
${csrfField(page.csrfToken)}
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'username', value: page.values?.email ?? '' }, problems)}
${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }, problems)}
<button type="submit" class="primary">Sign in</button>
</form>
<p><a href="${base}/forgot-password">Forgot your password?</a></p>
<p>No account yet? <a href="${base}/sign-up">Create one</a></p>`,
  });
}

export function secondFactorPage(page: FormPage): string {
  const base = `${page.basePath}/dashboard`;
  const problems = page.problems ?? {};
  return renderDashboardPage({
    basePath: page.basePath,
    title: 'Two-step verification',
    body: html`<h1>Two-step verification</h1>
${errorSummary(problems)}
<form method="post" action="${base}/sign-in/second-factor" class="card" novalidate>
${csrfField(page.csrfToken)}
${field({ name: 'code', label: 'Code from your authenticator app', type: 'text', autocomplete: 'one-time-code', inputmode: 'numeric', hint: 'The 6-digit code, or one of your recovery codes.' }, problems)}
<button type="submit" class="primary">Verify</button>
</form>`,
  });
}

export function forgotPasswordPage(page: FormPage): string {
  const base = `${page.basePath}/dashboard`;
  const problems = page.problems ?? {};
  return renderDashboardPage({
    basePath: page.basePath,
    title: 'Forgot password',
    body: html`<h1>Reset your password</h1>
${notice(page.message)}
${errorSummary(problems)}
<form method="post" action="${base}/forgot-password" class="card" novalidate>
${csrfField(page.csrfToken)}
${field({ name: 'email', label: 'Email address', type: 'email', autocomplete: 'email', value: page.values?.email ?? '', hint: 'We send a link to set a new password, valid for one hour.' }, problems)}
<button type="submit" class="primary">Send reset link</button>
</form>
<p><a href="${base}/sign-in">Back to sign in</a></p>`,
  });
}

export function resetPasswordPage(page: FormPage & { readonly token: string }): string {
  const base = `${page.basePath}/dashboard`;
  const problems = page.problems ?? {};
  return renderDashboardPage({
    basePath: page.basePath,
    title: 'Choose a new password',
    body: html`<h1>Choose a new password</h1>
${errorSummary(problems)}
<form method="post" action="${base}/reset-password/${page.token}" class="card" novalidate>
${csrfField(page.csrfToken)}
${field({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', hint: passwordHint }, problems)}
<button type="submit" class="primary">Set password</button>
</form>`,
  });
}

/** A page that explains why nothing happened (an expired link, a refused form), with a way on. */
export function messagePage(input: { readonly basePath: string; readonly title: string; readonly message: string; readonly linkText: string; readonly linkPath: string }): string {
  return renderDashboardPage({
    basePath: input.basePath,
    title: input.title,
    body: html`<h1>${input.title}</h1><div class="card"><p>${input.message}</p><p><a href="${input.basePath}/dashboard${input.linkPath}">${input.linkText}</a></p></div>`,
  });
}
