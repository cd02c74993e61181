/** @module `POST /oauth/token`: the endpoint catalog's entry, answering its errors in the OAuth shape (RFC 6749 §5.2) rather than the catalog's. */
import { Type } from '@sinclair/typebox';
import { catalogOperation } from './endpoint-operations.js';

const exchange = catalogOperation('exchangeToken');
const oauthErrorBodyRef = Type.Ref('OAuthErrorBody');

/** The token endpoint's operation. */
export const tokenOperation = {
  ...exchange,
  schema: { ...exchange.schema, response: { ...exchange.schema.response, '4xx': oauthErrorBodyRef, '5xx': oauthErrorBodyRef } },
};
