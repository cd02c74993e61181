/**
 * @module One request to Tesla's Fleet API and how its failures read in the error catalog: the
 * `{response, error}` envelope unwrapped, 401 reported for the caller to refresh and retry once,
 * 408 (asleep) as `VEHICLE_STATE:ASLEEP`, 429 as `UPSTREAM:RATE_LIMIT` with Tesla's `Retry-After`,
 * 5xx as `UPSTREAM:UNKNOWN_ISSUE`, a timeout or a refused connection as `UPSTREAM:NO_RESPONSE` (the
 * latter as `UpstreamNotReached`, which a command may be retried after), and
 * a body that is not the envelope as `UPSTREAM:INVALID_DATA`.
 */
import { VehicleError } from '../vehicle-provider.js';
import { isConnectionRefused, UpstreamNotReached } from '../upstream/index.js';

/** Tesla refused the access token (expired or revoked): refresh it, then try once more. */
export class FleetApiUnauthorized extends Error {
  constructor() {
    super('Tesla refused the access token');
    this.name = 'FleetApiUnauthorized';
  }
}

export interface FleetApiRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path and query under the Fleet API base URL, e.g. `/api/1/vehicles`. */
  readonly path: string;
  readonly accessToken: string;
  readonly body?: Readonly<Record<string, unknown>>;
}

export interface FleetApiClientOptions {
  /** The region's Fleet API base URL. */
  readonly baseUrl: string;
  /** How long one request may take before it counts as no response. */
  readonly timeoutMs: number;
}

/** When Tesla's `Retry-After` names no usable number of seconds. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

function retryAfterOf(header: string | null): number {
  const seconds = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = header === null ? Number.NaN : Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : DEFAULT_RETRY_AFTER_SECONDS;
}

function failureOf(status: number, retryAfter: string | null): VehicleError | FleetApiUnauthorized {
  if (status === 401) return new FleetApiUnauthorized();
  if (status === 408) return new VehicleError('VEHICLE_STATE', 'ASLEEP', { message: 'The vehicle is asleep or offline; Tesla could not reach it.' });
  if (status === 429) return new VehicleError('UPSTREAM', 'RATE_LIMIT', { message: "Tesla's rate limit for this account or vehicle is reached.", retryAfterSeconds: retryAfterOf(retryAfter) });
  if (status === 403) return new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'PERMISSION', { message: 'Tesla refused the request: the owner did not grant the scope it needs.' });
  if (status === 404) return new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING', { message: 'The vehicle is no longer in the Tesla account.' });
  return new VehicleError('UPSTREAM', 'UNKNOWN_ISSUE', { message: `Tesla answered HTTP ${status}.` });
}

/** Sends Fleet API requests; each resolves with the envelope's `response` or rejects with a catalog error. */
export class FleetApiClient {
  readonly #options: FleetApiClientOptions;

  constructor(options: FleetApiClientOptions) {
    this.#options = options;
  }

  /** @throws FleetApiUnauthorized on 401; VehicleError for every other failure. */
  async send(request: FleetApiRequest): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.#options.baseUrl}${request.path}`, {
        method: request.method,
        headers: { authorization: `Bearer ${request.accessToken}`, accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      if (isConnectionRefused(error)) throw new UpstreamNotReached('Tesla refused the connection.');
      throw new VehicleError('UPSTREAM', 'NO_RESPONSE', { message: `Tesla did not answer: ${error instanceof Error ? error.message : String(error)}.` });
    }
    if (response.status !== 200) throw failureOf(response.status, response.headers.get('retry-after'));
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch {
      throw new VehicleError('UPSTREAM', 'INVALID_DATA', { message: 'Tesla answered a body that is not JSON.' });
    }
    if (typeof envelope !== 'object' || envelope === null || !('response' in envelope)) {
      throw new VehicleError('UPSTREAM', 'INVALID_DATA', { message: "Tesla's answer has no response field." });
    }
    return envelope.response;
  }
}
