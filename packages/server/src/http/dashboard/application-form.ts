/** @module Reads the apply form and the resubmit form, and turns a stored request back into form values. */
import type { FieldProblems } from '../../accounts/index.js';
import type { ValidationDetail } from '../../catalog/api-error.js';
import type { PartnerRequestInput } from '../../partner-lifecycle/partner-request.js';
import type { PartnerRequestRecord } from '../../store/index.js';
import { emptyApplyForm, type ApplyForm } from './pages/apply-page.js';
import { formField, formList } from './route-kit.js';

/** The form's values as sent. */
export function readApplyForm(body: unknown): ApplyForm {
  return {
    name: formField(body, 'name').trim(),
    company: formField(body, 'company'),
    contactName: formField(body, 'contactName'),
    contactEmail: formField(body, 'contactEmail'),
    website: formField(body, 'website').trim(),
    intendedUse: formField(body, 'intendedUse'),
    dataPackages: formList(body, 'dataPackages'),
    makes: formField(body, 'makes'),
    regions: formList(body, 'regions'),
    privacyPolicyUrl: formField(body, 'privacyPolicyUrl').trim(),
    redirectUris: formField(body, 'redirectUris'),
  };
}

/** The request part of the form, as the partner-lifecycle domain checks it. */
export function requestInputOf(form: ApplyForm): PartnerRequestInput {
  return {
    company: form.company,
    contactName: form.contactName,
    contactEmail: form.contactEmail,
    website: form.website === '' ? null : form.website,
    intendedUse: form.intendedUse,
    dataPackages: form.dataPackages,
    makes: form.makes.split(',').map((make) => make.trim()).filter((make) => make !== ''),
    regions: form.regions,
    privacyPolicyUrl: form.privacyPolicyUrl === '' ? null : form.privacyPolicyUrl,
  };
}

/** The redirect URIs, one a line. */
export function redirectUrisOf(form: ApplyForm): string[] {
  return form.redirectUris.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/** The domain's problems, one message per form field. */
export function fieldProblemsOf(details: readonly ValidationDetail[]): FieldProblems {
  const problems: Record<string, string> = {};
  for (const detail of details) {
    const field = detail.field.replace(/^.*\./, '');
    problems[field] = problems[field] === undefined ? `${field}: ${detail.message}` : `${problems[field]}; ${detail.message}`;
  }
  return problems;
}

/** A stored request as the resubmit form starts out. */
export function formOfRequest(name: string, request: PartnerRequestRecord | null): ApplyForm {
  if (request === null) return { ...emptyApplyForm, name };
  return {
    ...emptyApplyForm,
    name,
    company: request.company,
    contactName: request.contactName,
    contactEmail: request.contactEmail,
    website: request.website ?? '',
    intendedUse: request.intendedUse,
    dataPackages: request.dataPackages,
    makes: request.makes.join(', '),
    regions: request.regions,
    privacyPolicyUrl: request.privacyPolicyUrl ?? '',
  };
}
