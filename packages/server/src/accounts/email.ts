/** @module Email addresses of dashboard accounts: one normal form, so an address signs up once however it is typed. */

/** The longest address SMTP allows (RFC 5321 path limit less the angle brackets). */
const MAX_EMAIL_LENGTH = 254;

/** A deliberately loose shape: something before one `@`, a dotted domain after, no spaces. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Trims, applies Unicode NFC and lower-cases the whole address. Lower-casing the local part is
 * what every mail provider a developer uses does in practice; treating `Ann@x.io` and `ann@x.io`
 * as two accounts would only let one person hold two.
 */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

/** Why a normalised address cannot be an account's, or undefined when it can. */
export function emailProblem(email: string): string | undefined {
  if (email === '') return 'Enter your email address.';
  if (email.length > MAX_EMAIL_LENGTH) return `An email address has at most ${MAX_EMAIL_LENGTH} characters.`;
  if (!EMAIL_SHAPE.test(email)) return 'Enter an email address like name@example.com.';
  return undefined;
}
