/** @module What a dashboard password must be: long enough, not absurdly long, and not the account's email. */

/** Length over composition rules, as NIST SP 800-63B advises. */
export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the work one sign-in asks of the password hash. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why `password` is refused for the account with this (normalised) email, or undefined when it is accepted. */
export function passwordProblem(password: string, email: string): string | undefined {
  // Counted in code points, as NIST counts characters (a UTF-16 length would count an emoji twice).
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return `Use a password of at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lowered = password.trim().toLowerCase();
  const localPart = email.split('@')[0] ?? '';
  if (lowered === email || lowered === localPart) return 'Use a password that is not your email address.';
  return undefined;
}
