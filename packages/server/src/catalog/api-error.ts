/** @module The error every Carport module throws for a client-visible failure, named by catalog type and code. */
import type { ErrorCodeOf, ErrorType } from './errors.js';

/** One entry of a VALIDATION error's `detail`: which input was wrong and why. */
export interface ValidationDetail {
  readonly field: string;
  readonly message: string;
}

export interface ApiErrorOptions {
  /** Replaces the catalog's description where the specific reason helps the client (English, no internals). */
  readonly description?: string;
  /** Field-level detail; sent only with VALIDATION errors, as the seeds specify. */
  readonly detail?: readonly ValidationDetail[];
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A failure the client is meant to see. The error handler turns it into the catalog's body; only
 * `(type, code)` pairs of the error catalog compile.
 * @example
 * throw new ApiError('RESOURCE_NOT_FOUND', 'PATH');
 */
export class ApiError<T extends ErrorType = ErrorType> extends Error {
  readonly type: T;
  readonly code: string | null;
  readonly options: ApiErrorOptions;

  constructor(type: T, code: ErrorCodeOf<T>, options: ApiErrorOptions = {}) {
    super(options.description ?? `${type}:${code ?? 'null'}`);
    this.name = 'ApiError';
    this.type = type;
    this.code = code;
    this.options = options;
  }
}
