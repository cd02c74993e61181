/** @module The Connect flow's state, carried in a signed, HttpOnly, SameSite cookie per flow (no server-side session table). */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CookieSealer } from './sealed-cookie.js';
import type { VehicleMode } from '../providers/vehicle-provider.js';
import type { RequestedScope } from './requested-scope.js';

/** Everything a flow remembers between its pages. */
export interface FlowState {
  readonly flowId: string;
  /** Double-submit CSRF token: every form posts it back and it must equal this value. */
  readonly csrf: string;
  readonly applicationId: string;
  readonly redirectUri: string;
  readonly scope: RequestedScope;
  readonly state: string | null;
  readonly mode: VehicleMode;
  readonly forcePrompt: boolean;
  /** Make chosen (or given by `make` / decoded from `single_select_vin`). */
  readonly make: string | null;
  /** True when the make came from the Connect URL, so brand selection is skipped. */
  readonly makeLocked: boolean;
  readonly singleSelect: boolean;
  readonly singleSelectVin: string | null;
  readonly flags: Readonly<Record<string, string>>;
  readonly user: string | null;
  readonly codeChallenge: string | null;
  readonly codeChallengeMethod: string | null;
  /** Set after a successful sign-in. */
  readonly account: { readonly providerAccountId: string; readonly email: string | null } | null;
  /** The nonce of the latest redirect to the manufacturer's login (see `manufacturer-login.ts`); absent before one. */
  readonly linkNonce?: string;
  /** The vehicles chosen on the grant screen's pages so far (see `grant-selection.ts`); null until the owner pages or chooses. */
  readonly selection: string | null;
  /** Unix milliseconds after which the flow is dead. */
  readonly expiresAt: number;
}

/** Flows last half an hour: long enough to find a password, short enough to expire abandoned tabs. */
export const flowLifetimeMs = 30 * 60 * 1000;

/**
 * The flow's cookie outlives the flow by a day, so an owner who comes back to a stale tab learns that
 * the session expired and gets a way back to the application instead of a dead end.
 */
export const flowCookieLifetimeMs = flowLifetimeMs + 24 * 60 * 60 * 1000;

/**
 * Until when a browser may still send a flow's cookie (saved at the latest when the flow expires, it
 * lives {@link flowCookieLifetimeMs} from then): how long the mark of a finished flow is kept.
 */
export function lastCookieArrival(flow: Pick<FlowState, 'expiresAt'>): Date {
  return new Date(flow.expiresAt + flowCookieLifetimeMs);
}

/** Name of the cookie that holds one flow (several tabs may run several flows). */
export function flowCookieName(flowId: string): string {
  return `carport_flow_${flowId}`;
}

/** A new random id (flow ids and CSRF tokens). */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Signs and verifies flow state (a sealer whose purpose is Connect flows). */
export class FlowSealer extends CookieSealer<FlowState> {
  constructor(secretKey: string) {
    super(secretKey, 'connect flow');
  }
}

/** Constant-time comparison of a posted CSRF token with the one a cookie holds. */
export function csrfMatches(holder: { readonly csrf: string }, posted: unknown): boolean {
  if (typeof posted !== 'string') return false;
  const expected = Buffer.from(holder.csrf);
  const actual = Buffer.from(posted);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
