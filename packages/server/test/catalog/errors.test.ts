import { describe, it, expect } from 'vitest';
import { errorCatalog, errorDefinition, errorKey, findError } from '../../src/catalog/errors.js';
import { findOAuthError, oauthError, oauthErrorCatalog } from '../../src/catalog/oauth-errors.js';
import { errorAnchor } from '../../src/catalog/error-body.js';
import { renderErrorReference } from '../../src/docs/render-error-reference.js';

/** The seeds' error table (api-reference/api-errors), row by row: [code, type, status]. */
const seedTable: readonly (readonly [string | null, string, number])[] = [
  ['ACCOUNT_ISSUE', 'CONNECTED_SERVICES_ACCOUNT', 400],
  ['AUTHENTICATION_FAILED', 'CONNECTED_SERVICES_ACCOUNT', 400],
  ['NO_VEHICLES', 'CONNECTED_SERVICES_ACCOUNT', 400],
  ['PERMISSION', 'CONNECTED_SERVICES_ACCOUNT', 400],
  ['SUBSCRIPTION', 'CONNECTED_SERVICES_ACCOUNT', 400],
  ['VEHICLE_MISSING', 'CONNECTED_SERVICES_ACCOUNT', 400],
  ['VIRTUAL_KEY_REQUIRED', 'CONNECTED_SERVICES_ACCOUNT', 400],
  [null, 'VALIDATION', 400],
  ['PARAMETER', 'VALIDATION', 400],
  [null, 'AUTHENTICATION', 401],
  [null, 'PERMISSION', 403],
  ['PATH', 'RESOURCE_NOT_FOUND', 404],
  ['VERSION', 'RESOURCE_NOT_FOUND', 404],
  ['ASLEEP', 'VEHICLE_STATE', 409],
  ['CHARGING_IN_PROGRESS', 'VEHICLE_STATE', 409],
  ['CHARGE_FAULT', 'VEHICLE_STATE', 409],
  ['NOT_CHARGING', 'VEHICLE_STATE', 409],
  ['CHARGING_PLUG_NOT_CONNECTED', 'VEHICLE_STATE', 409],
  ['CHARGING_PLUG_CONNECTED', 'VEHICLE_STATE', 409],
  ['DOOR_OPEN', 'VEHICLE_STATE', 409],
  ['FULLY_CHARGED', 'VEHICLE_STATE', 409],
  ['HOOD_OPEN', 'VEHICLE_STATE', 409],
  ['IGNITION_ON', 'VEHICLE_STATE', 409],
  ['IN_MOTION', 'VEHICLE_STATE', 409],
  ['LOW_BATTERY', 'VEHICLE_STATE', 409],
  ['REMOTE_ACCESS_DISABLED', 'VEHICLE_STATE', 409],
  ['TRUNK_OPEN', 'VEHICLE_STATE', 409],
  ['UNKNOWN', 'VEHICLE_STATE', 409],
  ['UNREACHABLE', 'VEHICLE_STATE', 409],
  ['VEHICLE_OFFLINE_FOR_SERVICE', 'VEHICLE_STATE', 409],
  ['VEHICLE', 'RATE_LIMIT', 429],
  ['SMARTCAR_API', 'RATE_LIMIT', 429],
  ['INVALID_PLAN', 'BILLING', 430],
  ['VEHICLE_LIMIT', 'BILLING', 430],
  ['VEHICLE_REQUEST_LIMIT', 'BILLING', 430],
  ['ACCOUNT_SUSPENDED', 'BILLING', 430],
  ['INTERNAL', 'SERVER', 500],
  ['INTERNAL', 'MULTIPLE_RECORDS_FOUND', 500],
  ['INTERNAL', 'RECORD_NOT_FOUND', 500],
  ['MAKE_NOT_COMPATIBLE', 'COMPATIBILITY', 501],
  ['SMARTCAR_NOT_CAPABLE', 'COMPATIBILITY', 501],
  ['VEHICLE_NOT_CAPABLE', 'COMPATIBILITY', 501],
  ['PLATFORM_NOT_CAPABLE', 'COMPATIBILITY', 501],
  ['INVALID_DATA', 'UPSTREAM', 502],
  ['KNOWN_ISSUE', 'UPSTREAM', 502],
  ['NO_RESPONSE', 'UPSTREAM', 502],
  ['RATE_LIMIT', 'UPSTREAM', 502],
  ['UNKNOWN_ISSUE', 'UPSTREAM', 502],
];

describe('error catalog', () => {
  it.each(seedTable)('has %s under %s with status %i', (code, type, status) => {
    expect(findError(type, code)?.statusCode).toBe(status);
  });

  it('has exactly the rows of the seeds, in their order, and one addition: RESOURCE_NOT_FOUND:METHOD', () => {
    const isAddition = (entry: { readonly type: string; readonly code: string | null }) => entry.type === 'RESOURCE_NOT_FOUND' && entry.code === 'METHOD';
    expect(errorCatalog.filter((entry) => !isAddition(entry)).map((entry) => [entry.code, entry.type, entry.statusCode])).toEqual(seedTable);
    expect(errorCatalog.filter(isAddition).map((entry) => [entry.code, entry.type, entry.statusCode])).toEqual([['METHOD', 'RESOURCE_NOT_FOUND', 405]]);
  });

  it('keys every entry uniquely by (type, code), and so its anchor', () => {
    const keys = errorCatalog.map((entry) => errorKey(entry.type, entry.code));
    const anchors = errorCatalog.map((entry) => errorAnchor(entry.type, entry.code));
    expect(new Set(keys).size).toBe(errorCatalog.length);
    expect(new Set(anchors).size).toBe(errorCatalog.length);
  });

  it('tells INTERNAL apart by type', () => {
    expect(findError('SERVER', 'INTERNAL')?.type).toBe('SERVER');
    expect(findError('RECORD_NOT_FOUND', 'INTERNAL')?.type).toBe('RECORD_NOT_FOUND');
    expect(findError('INTERNAL', null)).toBeUndefined();
  });

  it('gives every entry a description and a message for end users', () => {
    for (const entry of errorCatalog) {
      expect(entry.description.trim(), errorKey(entry.type, entry.code)).not.toBe('');
      expect(entry.suggestedUserMessage.trim(), errorKey(entry.type, entry.code)).not.toBe('');
    }
  });

  it('resolves the classes of error the way clients expect', () => {
    const resolutionOf = (type: string, code: string | null): string | null | undefined => findError(type, code)?.resolution;
    expect(resolutionOf('AUTHENTICATION', null)).toBe('REAUTHENTICATE');
    expect(resolutionOf('SERVER', 'INTERNAL')).toBe('CONTACT_SUPPORT');
    expect(resolutionOf('VALIDATION', 'PARAMETER')).toBeNull();
    for (const entry of errorCatalog.filter((e) => e.type === 'RATE_LIMIT' || e.type === 'UPSTREAM')) {
      expect(entry.resolution).toBe('RETRY_LATER');
    }
  });

  it('types errorDefinition so only catalog pairs compile', () => {
    expect(errorDefinition('VEHICLE_STATE', 'IN_MOTION').statusCode).toBe(409);
    expect(errorDefinition('AUTHENTICATION', null).statusCode).toBe(401);
    // @ts-expect-error -- IN_MOTION is a VEHICLE_STATE code, not a RATE_LIMIT one
    expect(() => errorDefinition('RATE_LIMIT', 'IN_MOTION')).toThrow();
  });
});

describe('error reference', () => {
  const markdown = renderErrorReference();

  it('has an anchor for every catalog pair', () => {
    for (const entry of errorCatalog) {
      expect(markdown).toContain(`<a id="${errorAnchor(entry.type, entry.code)}"></a>`);
    }
  });

  it('uses the documented anchor form', () => {
    expect(errorAnchor('VEHICLE_STATE', 'IN_MOTION')).toBe('vehicle_state-in_motion');
    expect(errorAnchor('AUTHENTICATION', null)).toBe('authentication');
  });

  it('is deterministic and ends with a newline', () => {
    expect(renderErrorReference()).toBe(markdown);
    expect(markdown.endsWith('\n')).toBe(true);
  });
});

describe('OAuth error catalog', () => {
  it('answers token errors with RFC 6749 statuses', () => {
    expect(findOAuthError('token', 'invalid_client')?.statusCode).toBe(401);
    expect(findOAuthError('token', 'invalid_grant')?.statusCode).toBe(400);
    expect(oauthError('token', 'server_error').statusCode).toBe(500);
  });

  it('has every Connect redirect error, without a status', () => {
    const connect = oauthErrorCatalog.filter((entry) => entry.surface === 'connect');
    expect(connect.map((entry) => entry.error).sort()).toEqual(
      [
        'access_denied',
        'configuration_error',
        'invalid_subscription',
        'no_vehicles',
        'server_error',
        'user_manually_returned_to_application',
        'vehicle_incompatible',
      ].sort(),
    );
    expect(connect.every((entry) => entry.statusCode === null && entry.description.length > 0)).toBe(true);
  });

  it('keys entries uniquely by surface and error', () => {
    const keys = oauthErrorCatalog.map((entry) => `${entry.surface}:${entry.error}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
