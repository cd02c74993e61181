/** @module The API error catalog: every `type`/`code` pair of the seeds' error table, with status and guidance. */
import type { ErrorDefinition } from './types.js';

/**
 * Every error Carport answers with. The rows and statuses are the seeds' error table, in its order,
 * plus `RESOURCE_NOT_FOUND:METHOD` (405); descriptions and messages are ours. A published pair is never renamed or removed: clients switch on them.
 */
export const errorCatalog = [
  // CONNECTED_SERVICES_ACCOUNT: the owner's manufacturer account, not the request, is at fault.
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'ACCOUNT_ISSUE', statusCode: 400, resolution: null,
    description: "The owner's connected-services account needs attention (for example unaccepted terms or unfinished setup) before the manufacturer will share data.",
    suggestedUserMessage: "Your vehicle maker needs you to update your connected-services account. Sign in to the maker's app or website, complete any pending steps, then try again." },
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'AUTHENTICATION_FAILED', statusCode: 400, resolution: 'REAUTHENTICATE',
    description: "The manufacturer no longer accepts the owner's stored sign-in, typically after a password change.",
    suggestedUserMessage: 'We could not sign in to your vehicle account. Please reconnect your vehicle to continue.' },
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'NO_VEHICLES', statusCode: 400, resolution: 'REAUTHENTICATE',
    description: "The owner's connected-services account has no vehicles that can be reached.",
    suggestedUserMessage: "We found no vehicles in your account. Add your vehicle in the maker's app, then reconnect it here." },
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'PERMISSION', statusCode: 400, resolution: 'REAUTHENTICATE',
    description: 'The connected account lacks the rights the manufacturer requires for this vehicle or action, such as owner rather than driver access.',
    suggestedUserMessage: "Your vehicle account does not have access to this feature. Make sure you are signed in as the vehicle's primary owner, then reconnect." },
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'SUBSCRIPTION', statusCode: 400, resolution: null,
    description: "The vehicle's connected-services subscription is missing or has expired.",
    suggestedUserMessage: "Your vehicle's connected-services subscription appears to be inactive. Renew it with your vehicle maker, then try again." },
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'VEHICLE_MISSING', statusCode: 400, resolution: 'REAUTHENTICATE',
    description: "The vehicle is no longer listed in the owner's connected-services account.",
    suggestedUserMessage: 'This vehicle is no longer in your connected account. Please reconnect your vehicle.' },
  { type: 'CONNECTED_SERVICES_ACCOUNT', code: 'VIRTUAL_KEY_REQUIRED', statusCode: 400, resolution: null,
    description: 'The manufacturer requires a virtual key for this application to be paired with the vehicle before it accepts commands.',
    suggestedUserMessage: "Please add this app's virtual key to your vehicle using your vehicle maker's app, then try again." },

  // VALIDATION and the other request errors: the client must change the request; nothing else helps.
  { type: 'VALIDATION', code: null, statusCode: 400, resolution: null,
    description: 'The request is malformed, for example its body is not valid JSON or does not match the schema.',
    suggestedUserMessage: 'Something went wrong with this request. Please try again or contact the app developer.' },
  { type: 'VALIDATION', code: 'PARAMETER', statusCode: 400, resolution: null,
    description: 'A parameter is missing or has a value that is not allowed; `detail` names it.',
    suggestedUserMessage: 'Something went wrong with this request. Please try again or contact the app developer.' },
  { type: 'AUTHENTICATION', code: null, statusCode: 401, resolution: 'REAUTHENTICATE',
    description: 'The access token or other credential is missing, invalid, expired or revoked.',
    suggestedUserMessage: 'Your connection to this vehicle has expired. Please reconnect your vehicle.' },
  { type: 'PERMISSION', code: null, statusCode: 403, resolution: 'REAUTHENTICATE',
    description: 'The access token does not grant the permission this endpoint requires for this vehicle.',
    suggestedUserMessage: 'This app needs additional access to your vehicle. Please reconnect and approve the requested access.' },
  { type: 'RESOURCE_NOT_FOUND', code: 'PATH', statusCode: 404, resolution: null,
    description: 'No endpoint exists at this path and method.',
    suggestedUserMessage: 'This feature is not available. Please contact the app developer.' },
  { type: 'RESOURCE_NOT_FOUND', code: 'VERSION', statusCode: 404, resolution: null,
    description: 'The API version in the path is unknown or no longer served.',
    suggestedUserMessage: 'This feature is not available. Please contact the app developer.' },
  // Carport's one addition to the seeds' table: a known path asked with a method it does not accept.
  { type: 'RESOURCE_NOT_FOUND', code: 'METHOD', statusCode: 405, resolution: null,
    description: 'This path exists but does not accept this HTTP method; the `Allow` header lists the methods it does accept.',
    suggestedUserMessage: 'This feature is not available. Please contact the app developer.' },

  // VEHICLE_STATE: the vehicle cannot do it right now; most states clear by themselves.
  { type: 'VEHICLE_STATE', code: 'ASLEEP', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The vehicle is in a low-power sleep and did not wake up to answer.',
    suggestedUserMessage: 'Your vehicle is asleep. Open the vehicle or its app to wake it, then try again.' },
  { type: 'VEHICLE_STATE', code: 'CHARGING_IN_PROGRESS', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while the vehicle is charging.',
    suggestedUserMessage: 'Your vehicle is charging. Try again once charging has finished or been stopped.' },
  { type: 'VEHICLE_STATE', code: 'CHARGE_FAULT', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'Charging could not start or continue because of the charger, the cable or a charging schedule.',
    suggestedUserMessage: "Your vehicle could not charge. Check the charger, the cable and any charging schedule, then try again." },
  { type: 'VEHICLE_STATE', code: 'NOT_CHARGING', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request needs an active charging session and the vehicle is not charging.',
    suggestedUserMessage: 'Your vehicle is not charging at the moment, so this information is unavailable.' },
  { type: 'VEHICLE_STATE', code: 'CHARGING_PLUG_NOT_CONNECTED', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request needs the charging cable plugged in and it is not.',
    suggestedUserMessage: 'Your vehicle is not plugged in. Connect the charging cable and try again.' },
  { type: 'VEHICLE_STATE', code: 'CHARGING_PLUG_CONNECTED', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while the charging cable is plugged in.',
    suggestedUserMessage: 'Your vehicle is plugged in. Unplug the charging cable and try again.' },
  { type: 'VEHICLE_STATE', code: 'DOOR_OPEN', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while a door is open.',
    suggestedUserMessage: "One of your vehicle's doors is open. Close all doors and try again." },
  { type: 'VEHICLE_STATE', code: 'FULLY_CHARGED', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The battery is already at its charge limit, so charging cannot start.',
    suggestedUserMessage: 'Your vehicle is already charged to its limit.' },
  { type: 'VEHICLE_STATE', code: 'HOOD_OPEN', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while the hood is open.',
    suggestedUserMessage: "Your vehicle's hood is open. Close it and try again." },
  { type: 'VEHICLE_STATE', code: 'IGNITION_ON', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while the ignition is on.',
    suggestedUserMessage: "Your vehicle is switched on. Turn it off and try again." },
  { type: 'VEHICLE_STATE', code: 'IN_MOTION', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while the vehicle is moving.',
    suggestedUserMessage: 'Your vehicle is moving. Try again once it is parked.' },
  { type: 'VEHICLE_STATE', code: 'LOW_BATTERY', statusCode: 409, resolution: 'RETRY_LATER',
    description: "The vehicle's battery is too low for it to carry out the request.",
    suggestedUserMessage: "Your vehicle's battery is too low for this action. Charge it and try again." },
  // Not transient: only the owner, at the vehicle, can turn remote access back on.
  { type: 'VEHICLE_STATE', code: 'REMOTE_ACCESS_DISABLED', statusCode: 409, resolution: null,
    description: 'Remote access is switched off in the vehicle or in its connected-services settings.',
    suggestedUserMessage: "Remote access is turned off for your vehicle. Turn it on in the vehicle's settings or the maker's app, then try again." },
  { type: 'VEHICLE_STATE', code: 'TRUNK_OPEN', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The request cannot be carried out while the trunk is open.',
    suggestedUserMessage: "Your vehicle's trunk is open. Close it and try again." },
  { type: 'VEHICLE_STATE', code: 'UNKNOWN', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The vehicle refused the request because of a state the manufacturer did not specify.',
    suggestedUserMessage: 'Your vehicle could not complete this request right now. Please try again later.' },
  { type: 'VEHICLE_STATE', code: 'UNREACHABLE', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The vehicle has no network connection, for example in a garage or an area without coverage.',
    suggestedUserMessage: 'We cannot reach your vehicle. Move it somewhere with mobile coverage and try again.' },
  { type: 'VEHICLE_STATE', code: 'VEHICLE_OFFLINE_FOR_SERVICE', statusCode: 409, resolution: 'RETRY_LATER',
    description: 'The vehicle is offline while it is being serviced or updated.',
    suggestedUserMessage: 'Your vehicle is offline for service or an update. Please try again later.' },

  // RATE_LIMIT: answered with `Retry-After`; waiting is always the fix.
  { type: 'RATE_LIMIT', code: 'VEHICLE', statusCode: 429, resolution: 'RETRY_LATER',
    description: 'The application sent requests to this vehicle too often.',
    suggestedUserMessage: 'Your vehicle has received too many requests. Please wait a moment and try again.' },
  { type: 'RATE_LIMIT', code: 'SMARTCAR_API', statusCode: 429, resolution: 'RETRY_LATER',
    description: "The application exceeded its overall request rate across all vehicles.",
    suggestedUserMessage: 'The service is busy. Please wait a moment and try again.' },

  // BILLING (HTTP 430): limits of the application's plan, a matter for its developer.
  { type: 'BILLING', code: 'INVALID_PLAN', statusCode: 430, resolution: null,
    description: "The application's plan does not include this feature.",
    suggestedUserMessage: 'This feature is not available in this app. Please contact the app developer.' },
  { type: 'BILLING', code: 'VEHICLE_LIMIT', statusCode: 430, resolution: null,
    description: 'The application has reached the number of connected vehicles its plan allows.',
    suggestedUserMessage: 'This app cannot connect more vehicles right now. Please contact the app developer.' },
  { type: 'BILLING', code: 'VEHICLE_REQUEST_LIMIT', statusCode: 430, resolution: 'RETRY_LATER',
    description: "The application has used this vehicle's request allowance for the current billing period.",
    suggestedUserMessage: 'This app has reached its limit of requests to your vehicle for now. Please try again later.' },
  { type: 'BILLING', code: 'ACCOUNT_SUSPENDED', statusCode: 430, resolution: 'CONTACT_SUPPORT',
    description: "The application's account is suspended.",
    suggestedUserMessage: 'This app is temporarily unavailable. Please contact the app developer.' },

  // Internal failures: a retry rarely helps, so the operator has to look at the logs.
  { type: 'SERVER', code: 'INTERNAL', statusCode: 500, resolution: 'CONTACT_SUPPORT',
    description: 'An unexpected error occurred inside Carport; the request id finds it in the logs.',
    suggestedUserMessage: 'Something went wrong on our side. Please try again later.' },
  { type: 'MULTIPLE_RECORDS_FOUND', code: 'INTERNAL', statusCode: 500, resolution: 'CONTACT_SUPPORT',
    description: 'Carport found several records where exactly one was expected.',
    suggestedUserMessage: 'Something went wrong on our side. Please try again later.' },
  { type: 'RECORD_NOT_FOUND', code: 'INTERNAL', statusCode: 500, resolution: 'CONTACT_SUPPORT',
    description: 'Carport could not find a record it expected to exist.',
    suggestedUserMessage: 'Something went wrong on our side. Please try again later.' },

  // COMPATIBILITY: the capability does not exist for this make, vehicle or integration.
  { type: 'COMPATIBILITY', code: 'MAKE_NOT_COMPATIBLE', statusCode: 501, resolution: null,
    description: "The vehicle's make does not support this endpoint.",
    suggestedUserMessage: 'This feature is not available for your vehicle brand.' },
  { type: 'COMPATIBILITY', code: 'SMARTCAR_NOT_CAPABLE', statusCode: 501, resolution: null,
    description: 'The vehicle may support this feature, but Carport cannot yet provide it for this vehicle.',
    suggestedUserMessage: 'This feature is not yet available for your vehicle.' },
  { type: 'COMPATIBILITY', code: 'VEHICLE_NOT_CAPABLE', statusCode: 501, resolution: null,
    description: 'The vehicle does not have the hardware or software this endpoint needs.',
    suggestedUserMessage: 'Your vehicle does not support this feature.' },
  // Reconnecting moves the vehicle to the current integration (e.g. off Tesla's legacy one).
  { type: 'COMPATIBILITY', code: 'PLATFORM_NOT_CAPABLE', statusCode: 501, resolution: 'REAUTHENTICATE',
    description: "The manufacturer integration the vehicle is connected through cannot serve this endpoint.",
    suggestedUserMessage: 'This feature needs an updated connection to your vehicle. Please reconnect your vehicle.' },

  // UPSTREAM: the manufacturer's cloud failed; usually short-lived.
  { type: 'UPSTREAM', code: 'INVALID_DATA', statusCode: 502, resolution: 'RETRY_LATER',
    description: "The manufacturer's service returned data that could not be understood.",
    suggestedUserMessage: 'Your vehicle maker sent an unexpected response. Please try again later.' },
  { type: 'UPSTREAM', code: 'KNOWN_ISSUE', statusCode: 502, resolution: 'RETRY_LATER',
    description: "The manufacturer's service has a known outage or problem.",
    suggestedUserMessage: "Your vehicle maker's service is having problems. Please try again later." },
  { type: 'UPSTREAM', code: 'NO_RESPONSE', statusCode: 502, resolution: 'RETRY_LATER',
    description: "The manufacturer's service did not answer in time.",
    suggestedUserMessage: "Your vehicle maker's service is not responding. Please try again later." },
  { type: 'UPSTREAM', code: 'RATE_LIMIT', statusCode: 502, resolution: 'RETRY_LATER',
    description: "The manufacturer's service refused the request because too many were sent to this vehicle.",
    suggestedUserMessage: 'Your vehicle has received too many requests. Please wait a while and try again.' },
  { type: 'UPSTREAM', code: 'UNKNOWN_ISSUE', statusCode: 502, resolution: 'RETRY_LATER',
    description: "The manufacturer's service failed for a reason it did not give.",
    suggestedUserMessage: "Your vehicle maker's service could not complete this request. Please try again later." },
] as const satisfies readonly ErrorDefinition[];

type ErrorEntry = (typeof errorCatalog)[number];

/** Every error type of the catalog, e.g. `VEHICLE_STATE`. */
export type ErrorType = ErrorEntry['type'];

/** The codes valid under one type (`null` included where the catalog has a code-less row). */
export type ErrorCodeOf<T extends ErrorType> = Extract<ErrorEntry, { readonly type: T }>['code'];

/** `TYPE:CODE` for each catalog pair, or just `TYPE` where the code is null, e.g. `AUTHENTICATION`. */
export type ErrorKey = ErrorEntry extends infer E
  ? E extends { readonly type: infer T extends string; readonly code: infer C }
    ? C extends string
      ? `${T}:${C}`
      : T
    : never
  : never;

/** Builds the key of a pair; a null code leaves the type alone, as the seeds write `AUTHENTICATION`. */
export function errorKey(type: string, code: string | null): string {
  return code === null ? type : `${type}:${code}`;
}

const byKey: ReadonlyMap<string, ErrorDefinition> = new Map(
  errorCatalog.map((entry): [string, ErrorDefinition] => [errorKey(entry.type, entry.code), entry]),
);

/**
 * Looks an error up by its `(type, code)` pair; the pair is the key because several types share
 * `INTERNAL`. For values that arrive at run time (a thrown error, a provider's answer).
 * @example findError('VEHICLE_STATE', 'ASLEEP')?.statusCode // 409
 */
export function findError(type: string, code: string | null): ErrorDefinition | undefined {
  return byKey.get(errorKey(type, code));
}

/**
 * The codes of one type, in catalog order (a code-less row left out), so other modules name the
 * catalog's vocabulary instead of repeating it.
 * @example errorCodesOf('UPSTREAM')[0] // 'INVALID_DATA'
 */
export function errorCodesOf<T extends ErrorType>(type: T): Exclude<ErrorCodeOf<T>, null>[] {
  return errorCatalog.flatMap((entry) => (entry.type === type && entry.code !== null ? [entry.code as Exclude<ErrorCodeOf<T>, null>] : []));
}

/**
 * The definition of a pair known at compile time: only catalog pairs type-check, so a typo is a
 * build error rather than a 500 at run time.
 * @example errorDefinition('RATE_LIMIT', 'VEHICLE').resolution // 'RETRY_LATER'
 */
export function errorDefinition<T extends ErrorType>(type: T, code: ErrorCodeOf<T>): ErrorDefinition {
  const definition = findError(type, code);
  if (definition === undefined) {
    // Unreachable while the signature holds; kept so a cast elsewhere cannot yield undefined.
    throw new Error(`Unknown error ${errorKey(type, code)}`);
  }
  return definition;
}
