/**
 * @module Request validation per part: a JSON body is checked as sent, while query strings, path
 * parameters and headers, which are text by nature, are read as the numbers and booleans their
 * schemas ask for.
 */
import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';

const validatorsFromPool = AjvCompiler();

/**
 * Fastify's own validator builder, twice: with its default type coercion for every part but the
 * body, and without it for the body. Coercing a body changes what it means (`{"limit": true}`
 * would be a 100 % charge limit, `{"limit": null}` a 0 % one); a body that must accept a number
 * written as a string says so in its schema (the charge limit the official SDK sends as text).
 * Both builders share the app's Ajv options and schemas, so only coercion differs.
 */
export const buildRequestValidator: BuildCompilerFromPool = (externalSchemas, options) => {
  const coercing = validatorsFromPool(externalSchemas, options);
  // JSON Type Definition schemas never coerce; only JSON Schema validators need the second builder.
  const exact = options?.mode === 'JTD' ? coercing : validatorsFromPool(externalSchemas, { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } });
  // Fastify calls the compiler with the route part ({ schema, httpPart, ... }), which the
  // compiler's types name a schema; the part is read from it as Fastify passes it.
  return (route, meta) => (typeof route === 'object' && route.httpPart === 'body' ? exact : coercing)(route, meta);
};
