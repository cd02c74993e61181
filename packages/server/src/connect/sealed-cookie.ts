/** @module Cookie values signed with a key derived from the secret key and a purpose, so one cookie cannot stand in for another. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Something sealed in a cookie must say when it stops being valid. */
export interface Expiring {
  /** Unix milliseconds. */
  readonly expiresAt: number;
}

/** Signs and verifies JSON values of one purpose (e.g. Connect flows, owner sessions). */
export class CookieSealer<T extends Expiring> {
  readonly #key: Buffer;

  constructor(secretKey: string, purpose: string) {
    this.#key = createHmac('sha256', secretKey).update(`carport cookie v1: ${purpose}`).digest();
  }

  seal(value: T): string {
    const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${payload}.${this.#sign(payload)}`;
  }

  /** The sealed value, or null when it is missing, tampered with or expired. */
  open(sealed: string | undefined, now: Date): T | null {
    const opened = this.inspect(sealed, now);
    return opened === null || opened.expired ? null : opened.value;
  }

  /** An authentic sealed value and whether it has expired (an expired flow still knows where to send the owner back); null when missing or tampered with. */
  inspect(sealed: string | undefined, now: Date): { readonly value: T; readonly expired: boolean } | null {
    if (sealed === undefined) return null;
    const [payload, signature] = sealed.split('.', 2);
    if (payload === undefined || signature === undefined) return null;
    const expected = Buffer.from(this.#sign(payload));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
    return { value, expired: value.expiresAt <= now.getTime() };
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}
