/** @module The logins a make's sign-in form accepts (declared per make in the catalog), read and normalized once. */
import type { MakeDefinition, SignInIdentifierKind } from './types.js';

/** A login as an account knows it: a lower-case email, or a phone number as `+` and digits. */
export interface SignInIdentifier {
  readonly kind: SignInIdentifierKind;
  readonly value: string;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits with the separators people type (spaces, dots, dashes, brackets), optionally after a `+`. */
const phonePattern = /^\+?[\d\s().-]+$/;
/** E.164 allows at most 15 digits; fewer than 7 is no subscriber number. */
const PHONE_DIGITS = { min: 7, max: 15 } as const;

/**
 * What kind of login `username` is, normalized; null for neither.
 * @example readSignInIdentifier(' +1 (555) 010-9999 ') // { kind: 'phone', value: '+15550109999' }
 */
export function readSignInIdentifier(username: string): SignInIdentifier | null {
  const trimmed = username.trim();
  if (emailPattern.test(trimmed)) return { kind: 'email', value: trimmed.toLowerCase() };
  if (!phonePattern.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < PHONE_DIGITS.min || digits.length > PHONE_DIGITS.max) return null;
  return { kind: 'phone', value: `+${digits}` };
}

/** The login as `make` accepts it, or null when the make's accounts do not sign in with that kind. */
export function signInIdentifierFor(make: Pick<MakeDefinition, 'signInWith'>, username: string): SignInIdentifier | null {
  const identifier = readSignInIdentifier(username);
  return identifier !== null && make.signInWith.includes(identifier.kind) ? identifier : null;
}

const kindLabels: Readonly<Record<SignInIdentifierKind, string>> = { email: 'email', phone: 'phone number' };

/**
 * The sign-in field's label for the make.
 * @example signInLabel({ signInWith: ['email', 'phone'] }) // 'Email or phone number'
 */
export function signInLabel(make: Pick<MakeDefinition, 'signInWith'>): string {
  const text = make.signInWith.map((kind) => kindLabels[kind]).join(' or ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
