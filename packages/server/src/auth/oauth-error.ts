/** @module Token-endpoint failures in the RFC 6749 §5.2 shape, `{error, error_description}`. */
import { oauthError, type OAuthErrorCode } from '../catalog/oauth-errors.js';

/** A token-endpoint error; `statusCode` and the default description come from the OAuth error catalog. */
export class OAuthError extends Error {
  readonly error: OAuthErrorCode<'token'>;
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(error: OAuthErrorCode<'token'>, description?: string, headers: Readonly<Record<string, string>> = {}) {
    const definition = oauthError('token', error);
    super(description ?? definition.description);
    this.name = 'OAuthError';
    this.error = error;
    this.statusCode = definition.statusCode ?? 400;
    this.headers = headers;
  }

  /** The response body. */
  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}
