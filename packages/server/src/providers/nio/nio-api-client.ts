/**
 * @module One request to NIO's vehicle API: the `{request_id, result_code, message, data}`
 * envelope unwrapped, failures mapped by `nio-result-codes.ts`, a timeout or a refused connection
 * as `UPSTREAM:NO_RESPONSE` (`UpstreamNotReached` for a refused connection, which NIO never saw) and a body that is not the envelope as `UPSTREAM:INVALID_DATA`.
 */
import { isConnectionRefused, UpstreamNotReached } from '../upstream/index.js';
import { VehicleError } from '../vehicle-provider.js';
import { nioFailure, nioInvalidData } from './nio-result-codes.js';

export interface NioApiRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query under the API base URL, e.g. `/api/v1/vehicles`. */
  readonly path: string;
  readonly accessToken: string;
}

export interface NioApiClientOptions {
  readonly baseUrl: string;
  /** How long one request may take before it counts as no response. */
  readonly timeoutMs: number;
}

/** The envelope's `data` of a successful answer; throws NioUnauthorized or a VehicleError otherwise. */
export function unwrapEnvelope(status: number, text: string, retryAfter: string | null): unknown {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    if (status !== 200) throw nioFailure({ status, resultCode: null, retryAfter });
    throw nioInvalidData('the body is not JSON');
  }
  const resultCode = typeof envelope === 'object' && envelope !== null && 'result_code' in envelope && typeof envelope.result_code === 'string' ? envelope.result_code : null;
  if (status === 200 && resultCode === 'success') return (envelope as { data?: unknown }).data ?? null;
  if (status === 200 && resultCode === null) throw nioInvalidData('the answer has no result_code');
  throw nioFailure({ status, resultCode, retryAfter });
}

export class NioApiClient {
  readonly #options: NioApiClientOptions;

  constructor(options: NioApiClientOptions) {
    this.#options = options;
  }

  /** @throws NioUnauthorized when the token must be renewed; VehicleError for every other failure. */
  async send(request: NioApiRequest): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.#options.baseUrl}${request.path}`, {
        method: request.method,
        headers: { authorization: `Bearer ${request.accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (isConnectionRefused(error)) throw new UpstreamNotReached('NIO refused the connection.');
      throw new VehicleError('UPSTREAM', 'NO_RESPONSE', { message: `NIO did not answer: ${error instanceof Error ? error.message : String(error)}.` });
    }
    return unwrapEnvelope(response.status, text, response.headers.get('retry-after'));
  }
}
