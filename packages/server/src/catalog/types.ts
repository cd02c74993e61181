/**
 * @module Shapes of Carport's catalogs: the typed data every route, page, document and SDK type is
 * derived from. The catalogs themselves live beside this file, one per concern.
 */
import type { TSchema } from '@sinclair/typebox';

/** What a client should do about an error (the seeds' `resolution.type`). */
export type ResolutionType = 'RETRY_LATER' | 'REAUTHENTICATE' | 'CONTACT_SUPPORT' | null;

/** One row of the API error catalog: a `type`/`code` pair with its HTTP status and guidance. */
export interface ErrorDefinition {
  /** Broad category, e.g. `VEHICLE_STATE`. */
  readonly type: string;
  /** Specific code within the type, or null where the seeds give `null` (e.g. `AUTHENTICATION`). */
  readonly code: string | null;
  /** HTTP status the error is answered with. */
  readonly statusCode: number;
  /** Short English description, sent as `description`. */
  readonly description: string;
  /** What the client should do, sent as `resolution.type`. */
  readonly resolution: ResolutionType;
  /** A sentence an application may show its end user as is. */
  readonly suggestedUserMessage: string;
}

/** An OAuth 2.0 error (token endpoint bodies and Connect redirects keep the RFC 6749 shape). */
export interface OAuthErrorDefinition {
  /** The RFC 6749 / Connect `error` value, e.g. `invalid_grant`, `access_denied`. */
  readonly error: string;
  /** Where it is answered: the token endpoint's JSON body or a Connect redirect. */
  readonly surface: 'token' | 'connect';
  /** HTTP status for token-endpoint errors; null for Connect redirects. */
  readonly statusCode: number | null;
  /** Default `error_description`. */
  readonly description: string;
}

/** Why a revocation happened; stored with it and told to the client whose credential it refuses. */
export interface RevocationReasonDefinition {
  /** The stored value, e.g. `owner_revoked`. */
  readonly reason: string;
  /** What it revokes: the token pairs of a code exchange, or one vehicle's grant (the connection). */
  readonly revokes: 'tokens' | 'grant';
  /** Completes "… has been revoked because …" in English, for error descriptions. */
  readonly because: string;
}

/** A data package: the unit an owner consents to on the grant screen (NIO's model). */
export interface DataPackageDefinition {
  readonly id: string;
  /** Title shown on the consent screen, e.g. "Read Charging Status". */
  readonly title: string;
  /** Plain-language sentence shown under the title. */
  readonly description: string;
}

/** Something a plan may include or leave out, e.g. vehicle commands or webhooks. */
export interface PlanFeatureDefinition {
  /** Lower-case identifier, as `CARPORT_PLANS` names it, e.g. `commands`. */
  readonly name: string;
  /** What the feature opens, in words a developer reads in the docs and in a 430 description. */
  readonly description: string;
}

/** A Smartcar-style permission (`read_*`, `control_*`) and the data package it belongs to. */
export interface PermissionDefinition {
  readonly name: string;
  readonly kind: 'read' | 'control';
  /** The seeds' description of the permission. */
  readonly description: string;
  /** Id of the data package that groups it on the consent screen. */
  readonly dataPackage: string;
  /**
   * True for a permission about the owner's connected-services account rather than the vehicle's
   * hardware: every vehicle can grant it.
   */
  readonly accountLevel?: true;
}

/** The regions of the seeds' Makes page. */
export type Region = 'US' | 'CA' | 'EUROPE';

/** What an owner may type as the login of a make's connected-services account. */
export type SignInIdentifierKind = 'email' | 'phone';

/** A vehicle make Carport knows (the seeds' Makes page plus the changelogs and NIO). */
export interface MakeDefinition {
  /** Upper-case identifier used by Connect and compatibility, e.g. `MERCEDES_BENZ`. */
  readonly id: string;
  /** Brand name as owners read it, e.g. "Mercedes-Benz". */
  readonly displayName: string;
  /** Lower-case segment of make-specific paths (`/vehicles/{id}/tesla/...`): the id in lower case. */
  readonly pathSegment: string;
  /** Regions where the make can be connected. */
  readonly regions: readonly Region[];
  /** Other names owners type into brand search ("VW", "Chevy", "Merc"). */
  readonly aliases: readonly string[];
  /** World manufacturer identifiers (first three VIN characters) the make uses. */
  readonly wmis: readonly string[];
  /** Logins the make's accounts accept, in the order the sign-in form names them. */
  readonly signInWith: readonly SignInIdentifierKind[];
}

/**
 * A brand Carport plans to connect but does not yet: brand search shows it as coming, so an owner who
 * looks for it learns it is on the way rather than finding nothing (the seeds' March 2023 changelog).
 * It has no regions, WMIs or path segment: nothing can connect it, request it or decode it.
 */
export type PlannedMakeDefinition = Pick<MakeDefinition, 'id' | 'displayName' | 'aliases'>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Which surface of Carport serves an endpoint (each surface has its own route module and auth). */
export type Surface = 'vehicle' | 'oauth' | 'management' | 'compatibility' | 'webhooks';

/** Who answers an endpoint: Carport itself, or the vehicle's provider. */
export const answerers = ['platform', 'provider'] as const;
export type Answerer = (typeof answerers)[number];

/** One endpoint of the public API, declared once; routes, OpenAPI and docs derive from it. */
export interface EndpointDefinition {
  /** Stable camelCase id, e.g. `getOdometer`; also the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /**
   * Path under the API version prefix in OpenAPI template form, e.g. `/vehicles/{id}/odometer`.
   * Make-specific endpoints use `{make}`, e.g. `/vehicles/{id}/{make}/charge`. OAuth paths are
   * absolute (`/oauth/token`).
   */
  readonly path: string;
  readonly surface: Surface;
  /** Short title from the seeds' page, e.g. "Odometer". */
  readonly title: string;
  /** Description from the seeds' page. */
  readonly description: string;
  /**
   * Who answers the endpoint. `platform`: Carport itself, from its own records (permissions, user,
   * disconnect, batch, webhooks, management, OAuth, compatibility), never asking a vehicle's provider,
   * so no vehicle capability is needed. `provider`: the vehicle's provider (its data and commands).
   */
  readonly answeredBy: Answerer;
  /** Permission the access token must hold, or null when none is needed. */
  readonly permission: string | null;
  /**
   * Lower-case makes of a make-specific endpoint (the `{make}` segment), or null for endpoints
   * every capable make may serve.
   */
  readonly makes: readonly string[] | null;
  /** The seeds' page this endpoint was specified from, e.g. `api-reference/get-odometer`. */
  readonly docPage: string;
  readonly request: {
    readonly query?: TSchema;
    readonly body?: TSchema;
  };
  /** Schema of a successful response body. */
  readonly response: TSchema;
  /** Example bodies taken from the seeds (request where the seeds give one). */
  readonly examples: {
    readonly response: unknown;
    readonly request?: unknown;
  };
}
