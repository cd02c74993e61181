/** @module The OAuth 2.0 token endpoint: authorization code exchange and token refresh. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import type { ExampleCases } from './shared.js';
import { closedObject } from './shared.js';

/*
 * The seeds give the exchange and the refresh one page each, on the same `POST /oauth/token`. They are
 * declared as ONE endpoint whose body is a union of the two grant forms: a route is one method and
 * path, and the grant is picked from `grant_type` inside the body (a registry of grant handlers), not
 * from the URL. The seeds show no bodies; fields follow RFC 6749 and the official SDK, and the examples
 * are Carport's. The body arrives form-encoded, so every field is a string.
 */

/** Client credentials may come in the body instead of the `Authorization: Basic` header (RFC 6749 §2.3.1). */
const clientCredentials = {
  client_id: Type.Optional(Type.String({ description: 'The application’s client id, when not sent in the Basic header.' })),
  client_secret: Type.Optional(Type.String({ description: 'The application’s client secret, when not sent in the Basic header.' })),
};

const authorizationCodeGrant = Type.Object({
  grant_type: Type.Literal('authorization_code'),
  code: Type.String({ minLength: 1, description: 'The authorization code received on the Connect redirect.' }),
  redirect_uri: Type.String({ minLength: 1, description: 'The redirect URI used on the Connect URL; must match it exactly.' }),
  code_verifier: Type.Optional(Type.String({ description: 'The PKCE code verifier, when the Connect URL carried a challenge.' })),
  ...clientCredentials,
});

const refreshTokenGrant = Type.Object({
  grant_type: Type.Literal('refresh_token'),
  refresh_token: Type.String({ minLength: 1, description: 'The refresh token returned by the previous exchange or refresh.' }),
  ...clientCredentials,
});

export const oauthEndpoints = [
  {
    id: 'exchangeToken',
    method: 'POST',
    path: '/oauth/token',
    surface: 'oauth',
    answeredBy: 'platform',
    title: 'Auth Code Exchange & Token Refresh',
    description:
      'Exchanges an authorization code from the Connect redirect for an access token (`grant_type=authorization_code`), or a refresh token for a new token pair (`grant_type=refresh_token`). Access tokens expire 2 hours after they are issued.',
    permission: null,
    makes: null,
    // One entry for both seed pages (see above); the refresh page is `api-reference/authorization/token-refresh`.
    docPage: 'api-reference/authorization/auth-code-exchange',
    request: {
      query: Type.Object({ flags: Type.Optional(Type.String({ description: 'Space-separated `name:value` feature flags.' })) }),
      body: Type.Union([authorizationCodeGrant, refreshTokenGrant]),
    },
    response: closedObject({
      access_token: Type.String({ description: 'The access token for the Vehicle API.' }),
      token_type: Type.Literal('Bearer'),
      expires_in: Type.Integer({ minimum: 1, description: 'Seconds until the access token expires (7200).' }),
      refresh_token: Type.String({ description: 'A single-use token to obtain the next token pair; valid 60 days.' }),
      refresh_expires_in: Type.Integer({ minimum: 0, description: 'Seconds until the refresh token expires (5184000, 60 days).' }),
    }),
    examples: {
      response: {
        access_token: '8f2d6a54-63a7-4d8b-9c1e-0b5f3e7a2c19',
        token_type: 'Bearer',
        expires_in: 7200,
        refresh_token: 'c41e9b0d-2f6a-4e73-8d15-7a9e3b6f0d28',
        refresh_expires_in: 5_184_000,
      },
      request: {
        grant_type: 'authorization_code',
        code: '0b6f9e4a-71d3-4c2e-a8b5-3e9d2f1c7a64',
        redirect_uri: 'https://example.com/callback',
      },
    },
  },
] as const satisfies readonly EndpointDefinition[];

export const oauthCases: Readonly<Record<string, ExampleCases>> = {
  exchangeToken: { request: [{ grant_type: 'refresh_token', refresh_token: 'c41e9b0d-2f6a-4e73-8d15-7a9e3b6f0d28' }] },
};
