/** @module Public face of the accounts layer: dashboard accounts, teams' role check, and how one-time links are sent. */
export { DeveloperAccounts, type DeveloperAccountsDeps, type FieldProblems, type Outcome, type SignInOutcome } from './developer-accounts.js';
export { can } from './can.js';
export { logLinkSender, type AccountLinkMessage, type AccountLinkPurpose, type AccountLinkSender } from './link-sender.js';
export { normalizeEmail, emailProblem } from './email.js';
export { passwordProblem, MIN_PASSWORD_LENGTH } from './password-policy.js';
export { dashboardSessionLifetimes, mfaPendingLifetimes } from './lifetimes.js';
