/**
 * @module Contract part: how an owner links their manufacturer account to Carport. A provider
 * declares one way; Connect's sign-in step drives whichever it is (a password form Carport shows,
 * a redirect to the manufacturer's own login, or a code the owner enters on the manufacturer's site).
 */
import type { ProviderAccount, VehicleMode } from '../vehicle-provider.js';
import type { ManufacturerTokens } from './credentials.js';

/** Credentials an owner types into Connect's login form for a make. */
export interface SignInCredentials {
  /** Email address or phone number. */
  readonly username: string;
  readonly password: string;
}

/**
 * Outcome of a sign-in. The refusals map to Connect's outcomes: `invalid_credentials` re-shows the
 * form, `invalid_subscription` redirects with `invalid_subscription`, `throttled` asks to wait.
 */
export type SignInResult =
  | { readonly ok: true; readonly account: ProviderAccount }
  | { readonly ok: false; readonly reason: 'invalid_credentials' | 'invalid_subscription' | 'throttled' };

/** Linking by a login form Carport renders and the provider checks (the simulator; clouds with a password API). */
export interface PasswordLinking {
  readonly kind: 'password';
  /** Checks an owner's credentials for `make` in `mode`. */
  signIn(make: string, mode: VehicleMode, credentials: SignInCredentials): Promise<SignInResult>;
}

/** What Carport prepared for one redirect to the manufacturer's login: its own state and PKCE challenge. */
export interface AuthorizationRequest {
  readonly make: string;
  readonly mode: VehicleMode;
  /** Carport's callback the manufacturer redirects back to (registered with the manufacturer). */
  readonly redirectUri: string;
  /** Opaque; the manufacturer hands it back unchanged, and Carport checks it before exchanging the code. */
  readonly state: string;
  /** RFC 7636 S256 challenge of the verifier Carport keeps. */
  readonly codeChallenge: string;
  /** Carport permissions the application asks for, so the provider asks the manufacturer for the matching scopes only. */
  readonly permissions: readonly string[];
}

/** The manufacturer's redirect back to Carport, its state already checked. */
export interface AuthorizationCallback {
  readonly make: string;
  readonly mode: VehicleMode;
  readonly code: string;
  /** The same redirect URI the authorization request named (OAuth 2.0 requires it again). */
  readonly redirectUri: string;
  readonly codeVerifier: string;
}

/**
 * Outcome of linking by redirect or device code: the account and the tokens to store for it, or a
 * refusal. `access_denied`: the owner declined at the manufacturer; `invalid_grant`: the code was
 * refused (expired, replayed); the others as for {@link SignInResult}.
 */
export type LinkResult =
  | { readonly ok: true; readonly account: ProviderAccount; readonly tokens: ManufacturerTokens }
  | { readonly ok: false; readonly reason: 'access_denied' | 'invalid_grant' | 'invalid_subscription' | 'throttled' };

/** Linking by OAuth 2.0 authorization code with PKCE against the manufacturer's own login page. */
export interface OAuthRedirectLinking {
  readonly kind: 'oauth-redirect';
  /** Where to send the owner's browser: the manufacturer's authorization endpoint with this request. */
  authorizationUrl(request: AuthorizationRequest): URL;
  /** Exchanges the callback's code (with the PKCE verifier) for the account and its tokens. */
  exchangeCode(callback: AuthorizationCallback): Promise<LinkResult>;
}

/** What the owner is shown while a device-code link is pending (RFC 8628). */
export interface DeviceAuthorization {
  /** The provider's handle for polling; never shown to the owner. */
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string | null;
  readonly expiresAt: Date;
  /** Seconds to wait between polls. */
  readonly intervalSeconds: number;
}

/** Linking by a code the owner confirms on the manufacturer's site or app (declared; Connect does not drive it yet). */
export interface DeviceCodeLinking {
  readonly kind: 'device-code';
  startDeviceAuthorization(make: string, mode: VehicleMode): Promise<DeviceAuthorization>;
  /** `pending` until the owner confirms (`slow_down`: poll less often), then the link's outcome. */
  pollDeviceAuthorization(make: string, mode: VehicleMode, deviceCode: string): Promise<LinkResult | { readonly ok: false; readonly reason: 'pending' | 'slow_down' }>;
}

/** The ways a provider may link an owner's account. */
export type AccountLinking = PasswordLinking | OAuthRedirectLinking | DeviceCodeLinking;

/** The password linking of a provider, or undefined when there is none or it links another way. */
export function passwordLinkingOf(provider: { readonly linking: AccountLinking } | undefined): PasswordLinking | undefined {
  return provider?.linking.kind === 'password' ? provider.linking : undefined;
}
