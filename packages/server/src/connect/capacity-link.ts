/**
 * @module The link Battery Capacity hands out so the owner can pick the battery's capacity. Its token
 * is an HMAC over the application's vehicle id, its client id and an expiry, so a link works for one
 * vehicle of one application for a limited time and cannot be made up or moved to another vehicle.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { capacitySelection } from '../catalog/endpoints/index.js';

/** Where Connect serves the capacity choice, relative to the public URL. */
export const capacitySelectionPath = '/connect/battery-capacity';

/** An hour: the link is minted on every read, so it only has to outlive the owner filling in one form. */
export const capacityLinkLifetimeMs = 60 * 60 * 1000;

/** Who a link is for: the vehicle id the application sees (never the internal one) and its client id. */
export interface CapacityLinkSubject {
  readonly vehicleId: string;
  readonly clientId: string;
}

/** What a presented token turned out to be. */
export type CapacityTokenCheck = 'valid' | 'expired' | 'invalid';

/** Mints and checks link tokens (`<expiry in Unix seconds>.<HMAC>`) with a key only this purpose uses. */
export class CapacityLinkSigner {
  readonly #key: Buffer;

  constructor(secretKey: string) {
    this.#key = createHmac('sha256', secretKey).update('carport link v1: battery capacity').digest();
  }

  issue(subject: CapacityLinkSubject, now: Date): string {
    const expiresAt = Math.floor((now.getTime() + capacityLinkLifetimeMs) / 1000);
    return `${expiresAt}.${this.#sign(subject, expiresAt)}`;
  }

  /** A forged or altered token is `invalid`; a genuine one past its expiry is `expired`. */
  check(subject: CapacityLinkSubject, token: string, now: Date): CapacityTokenCheck {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (match === null) return 'invalid';
    const expiresAt = Number(match[1]);
    const expected = Buffer.from(this.#sign(subject, expiresAt));
    const actual = Buffer.from(match[2] ?? '');
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'invalid';
    return expiresAt * 1000 > now.getTime() ? 'valid' : 'expired';
  }

  #sign(subject: CapacityLinkSubject, expiresAt: number): string {
    // Newline-separated: neither a UUID nor a number contains one, so no two subjects sign alike.
    return createHmac('sha256', this.#key).update(`${subject.vehicleId}\n${subject.clientId}\n${expiresAt}`).digest('base64url');
  }
}

/**
 * The link itself, with the parameters the seed's example carries in its order. `redirect_uri` is the
 * application's first registered one ('' when it has none, as in the seed, for the application to fill).
 */
export function capacityLinkUrl(publicUrl: string, subject: CapacityLinkSubject, token: string, redirectUri: string): string {
  const query = new URLSearchParams({
    vehicle_id: subject.vehicleId,
    client_id: subject.clientId,
    token,
    response_type: capacitySelection.responseType,
    redirect_uri: redirectUri,
  });
  return `${publicUrl.replace(/\/+$/, '')}${capacitySelectionPath}?${query.toString()}`;
}

/** Where the owner goes once they chose: the application's redirect URI with `vehicle_id` (`response_type=vehicle_id`). */
export function capacityChosenRedirect(redirectUri: string, vehicleId: string): string {
  const url = new URL(redirectUri);
  url.searchParams.set('vehicle_id', vehicleId);
  return url.toString();
}
