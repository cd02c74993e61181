/** @module The two error bodies every operation answers with, as shared schemas the OpenAPI document names as components. */
import { Type } from '@sinclair/typebox';

const validationDetail = Type.Object({ field: Type.String(), message: Type.String() });

/** The catalog error body, used for the OpenAPI description and to serialise error answers. */
export const errorBodySchema = Type.Object(
  {
    type: Type.String(),
    code: Type.Union([Type.String(), Type.Null()]),
    description: Type.String(),
    docURL: Type.String(),
    statusCode: Type.Integer(),
    requestId: Type.String(),
    resolution: Type.Object({ type: Type.Union([Type.String(), Type.Null()]) }),
    suggestedUserMessage: Type.String(),
    detail: Type.Optional(Type.Array(validationDetail)),
  },
  { $id: 'ErrorBody', title: 'Error', description: 'Every error of the catalog has this shape; `detail` only on VALIDATION errors.' },
);

/** The body of every token-endpoint error (RFC 6749 §5.2). */
export const oauthErrorBodySchema = Type.Object({ error: Type.String(), error_description: Type.String() }, { $id: 'OAuthErrorBody', title: 'OAuth error' });

/** Every shared schema, in the order the OpenAPI document lists its components. */
export const sharedSchemas = [errorBodySchema, oauthErrorBodySchema] as const;
