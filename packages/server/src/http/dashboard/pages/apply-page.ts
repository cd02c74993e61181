/** @module The form a developer applies for an application with, and the page showing its test credentials once. */
import type { FieldProblems } from '../../../accounts/index.js';
import { dataPackageCatalog } from '../../../catalog/permissions.js';
import { requestRegions } from '../../../partner-lifecycle/partner-request.js';
import { html, type SafeHtml } from '../../html.js';
import { csrfField, errorSummary, field } from './form-parts.js';
import { renderDashboardPage, type Viewer } from './layout.js';

/** The form's values as sent, so a refused form comes back filled in. */
export interface ApplyForm {
  readonly name: string;
  readonly company: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly website: string;
  readonly intendedUse: string;
  readonly dataPackages: readonly string[];
  readonly makes: string;
  readonly regions: readonly string[];
  readonly privacyPolicyUrl: string;
  readonly redirectUris: string;
}

export const emptyApplyForm: ApplyForm = { name: '', company: '', contactName: '', contactEmail: '', website: '', intendedUse: '', dataPackages: [], makes: '', regions: [], privacyPolicyUrl: '', redirectUris: '' };

function problemOf(problems: FieldProblems, name: string): SafeHtml {
  const problem = problems[name];
  return problem === undefined ? html`` : html`<span class="field-error" id="field-${name}-error">${problem}</span>`;
}

function textArea(name: string, label: string, value: string, hint: string, problems: FieldProblems): SafeHtml {
  const described = [`field-${name}-hint`, problems[name] === undefined ? '' : `field-${name}-error`].filter((part) => part !== '').join(' ');
  return html`<label for="field-${name}">${label}</label><span class="hint" id="field-${name}-hint">${hint}</span>${problemOf(problems, name)}
<textarea id="field-${name}" name="${name}" rows="3" aria-describedby="${described}"${problems[name] === undefined ? html`` : html` aria-invalid="true"`}>${value}</textarea>`;
}

function checkboxes(name: string, legend: string, options: readonly { readonly value: string; readonly label: string }[], checked: readonly string[], problems: FieldProblems): SafeHtml {
  return html`<fieldset id="field-${name}"><legend>${legend}</legend>${problemOf(problems, name)}
${options.map((option, index) => html`<div class="check"><input type="checkbox" id="${name}-${index}" name="${name}" value="${option.value}"${checked.includes(option.value) ? html` checked` : html``}><label for="${name}-${index}">${option.label}</label></div>`)}</fieldset>`;
}

export interface ApplyPageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  readonly form: ApplyForm;
  readonly problems?: FieldProblems;
}

/** The form fields of a request; the apply page and the resubmit form share them. */
export function requestFields(form: ApplyForm, problems: FieldProblems): SafeHtml {
  return html`${field({ name: 'company', label: 'Company', type: 'text', autocomplete: 'organization', value: form.company }, problems)}
${field({ name: 'contactName', label: 'Contact name', type: 'text', autocomplete: 'name', value: form.contactName }, problems)}
${field({ name: 'contactEmail', label: 'Contact email', type: 'email', autocomplete: 'email', value: form.contactEmail }, problems)}
${field({ name: 'website', label: 'Website (optional)', type: 'text', autocomplete: 'url', value: form.website }, problems)}
${textArea('intendedUse', 'Intended use', form.intendedUse, 'What your application does with the vehicle data, for the operator who reviews it.', problems)}
${checkboxes('dataPackages', 'Data packages', dataPackageCatalog.map((entry) => ({ value: entry.id, label: entry.title })), form.dataPackages, problems)}
${field({ name: 'makes', label: 'Makes (optional)', type: 'text', autocomplete: 'off', value: form.makes, hint: 'Comma-separated make ids, e.g. NIO, TESLA.' }, problems)}
${checkboxes('regions', 'Regions (optional)', requestRegions.map((region) => ({ value: region, label: region })), form.regions, problems)}
${field({ name: 'privacyPolicyUrl', label: 'Privacy policy URL (optional)', type: 'text', autocomplete: 'url', value: form.privacyPolicyUrl }, problems)}`;
}

export function applyPage(input: ApplyPageInput): string {
  const problems = input.problems ?? {};
  return renderDashboardPage({
    basePath: input.basePath,
    title: 'Apply for an application',
    viewer: input.viewer,
    section: 'applications',
    body: html`<h1>Apply for an application</h1>
<p class="muted">Your application works at once in test and simulated mode. An operator reviews the request before live vehicles can connect.</p>
${errorSummary(problems)}
<form method="post" action="${input.basePath}/dashboard/applications/new" novalidate class="card">${csrfField(input.viewer.csrfToken)}
${field({ name: 'name', label: 'Application name', type: 'text', autocomplete: 'off', value: input.form.name }, problems)}
${requestFields(input.form, problems)}
${textArea('redirectUris', 'Redirect URIs', input.form.redirectUris, 'One per line; Connect sends owners back to these.', problems)}
<button type="submit" class="primary">Apply</button></form>`,
  });
}

export interface CredentialsPageInput {
  readonly basePath: string;
  readonly viewer: Viewer;
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The client secret, shown this once: only its hash is stored. */
export function credentialsPage(input: CredentialsPageInput): string {
  return renderDashboardPage({
    basePath: input.basePath,
    title: `${input.name} requested`,
    viewer: input.viewer,
    section: 'applications',
    body: html`<h1>${input.name} is requested</h1>
<div class="notice" role="status">Copy the client secret now: it is shown only this once.</div>
<section class="card" aria-labelledby="credentials-heading"><h2 id="credentials-heading">Test-mode credentials</h2>
<dl class="details"><dt>Client id</dt><dd><code id="client-id">${input.clientId}</code></dd><dt>Client secret</dt><dd><code class="secret" id="client-secret">${input.clientSecret}</code></dd></dl>
<p><a href="${input.basePath}/dashboard/applications/${input.clientId}">Go to the application</a></p></section>`,
  });
}
