/**
 * Contract of the NIO provider's mapping, without a network: NIO answers as documented in
 * docs/providers.md ("The NIO wire format") replayed through the envelope, the resource mapping,
 * the change feed and the scopes, asserting the catalog bodies and errors that come out. The NIO
 * examples are built so that the catalog's own documented examples of the `nio/...` endpoints come
 * back unchanged, which holds the two documents to each other.
 */
import { describe, expect, it } from 'vitest';
import { endpointCatalog, type EndpointId } from '../../src/catalog/endpoints/index.js';
import { unwrapEnvelope } from '../../src/providers/nio/nio-api-client.js';
import { feedPageOf, feedQuery } from '../../src/providers/nio/nio-change-feed.js';
import { readFromResource } from '../../src/providers/nio/nio-reads.js';
import { NioUnauthorized } from '../../src/providers/nio/nio-result-codes.js';
import { nioScopesFor } from '../../src/providers/nio/nio-scopes.js';
import { VehicleError, type VehicleRef } from '../../src/providers/vehicle-provider.js';

/** NIO's documented answers, one per data-package resource (the envelope's `data`). */
const wire = {
  profile: { brand: 'NIO', model_type: 'ET7', model_picture: 'https://cdn.nio.example/models/et7.png', color: 'Sky Blue', personalized_name: 'Blue Bird', virtual_vehicle_id: 'vv-2f9a61c4d8e0', sample_time: 1_715_709_600_000 },
  location: { latitude: 37.4292, longitude: 122.1381, coordinate_system: 'WGS84', sample_time: 1_715_709_600_000 },
  details: { lock_status: 'locked', odometer: 104.32, driving_status: 'driving', gear: 'D', cabin_temperature: 21.5, exterior_temperature: 12.8, sample_time: 1_715_709_600_000 },
  // 18:00Z with 95 minutes to go: the session completes at 19:35Z.
  charging: { battery_usable_capacity: 90, user_soc: 64, remaining_charging_time: 95, charging_port_connect_status: 'connected', charge_state: 'charging', charge_limit_soc: 90, charging_power: 7.2, sample_time: Date.parse('2024-05-14T18:00:00.000Z') },
} as const;

const resourceOf: Readonly<Partial<Record<EndpointId, keyof typeof wire>>> = {
  nioGetVehicleProfile: 'profile',
  nioGetVehicleStatus: 'details',
  nioGetInteriorTemperature: 'details',
  nioGetExteriorTemperature: 'details',
  nioGetBattery: 'charging',
  nioGetChargeStatus: 'charging',
  nioGetChargeWattmeter: 'charging',
  nioGetChargeCompletionTime: 'charging',
  getOdometer: 'details',
  getLocation: 'location',
};

const context = { vehicleUuid: '5b7c2e1a-9f7d-4c1e-8a52-3d1f0b6e4a21' };
const envelope = (data: unknown, resultCode = 'success'): string => JSON.stringify({ request_id: 'req-1', result_code: resultCode, message: resultCode, data });

function failureOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error instanceof VehicleError ? [error.type, error.code, error.retryAfterSeconds] : error;
  }
  throw new Error('expected a failure');
}

describe('NIO mapping contract', () => {
  for (const [endpointId, resource] of Object.entries(resourceOf) as [EndpointId, keyof typeof wire][]) {
    it(`${endpointId}: NIO's ${resource} example answers the catalog's documented example, dated by sample_time`, () => {
      const data = unwrapEnvelope(200, envelope(wire[resource]), null);
      const example = endpointCatalog.find((endpoint) => endpoint.id === endpointId)?.examples.response;
      expect(readFromResource(endpointId, data, context)).toEqual({ body: example, recordedAt: new Date(wire[resource].sample_time) });
    });
  }

  it('reads the core charge endpoints from the same charging example', () => {
    expect(readFromResource('getChargeStatus', wire.charging, context).body).toEqual({ isPluggedIn: true, state: 'CHARGING' });
    expect(readFromResource('getChargeLimit', wire.charging, context).body).toEqual({ limit: 0.9 });
  });

  it('answers the charging-only reads with the vehicle state when NIO reports no charge', () => {
    const plugged = { ...wire.charging, charge_state: 'not_charging', charging_power: 0, remaining_charging_time: 30 };
    expect(readFromResource('nioGetChargeStatus', plugged, context).body).toEqual({ state: 'NOT_CHARGING', isPluggedIn: true, socLimit: 0.9, wattage: 0, timeRemaining: null, completionTime: null });
    expect(failureOf(() => readFromResource('nioGetChargeWattmeter', plugged, context))).toEqual(['VEHICLE_STATE', 'NOT_CHARGING', undefined]);
    const unplugged = { ...plugged, charging_port_connect_status: 'disconnected' };
    expect(failureOf(() => readFromResource('nioGetChargeCompletionTime', unplugged, context))).toEqual(['VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', undefined]);
    expect(readFromResource('nioGetVehicleStatus', { ...wire.details, driving_status: 'sleeping', gear: null }, context).body).toEqual({ status: 'ASLEEP', gear: null });
  });

  it('answers UPSTREAM:INVALID_DATA for data that is not what NIO documents', () => {
    expect(failureOf(() => readFromResource('getOdometer', { ...wire.details, odometer: '104' }, context))).toEqual(['UPSTREAM', 'INVALID_DATA', undefined]);
    expect(failureOf(() => readFromResource('getChargeStatus', { ...wire.charging, charge_state: 'plasma' }, context))).toEqual(['UPSTREAM', 'INVALID_DATA', undefined]);
    expect(failureOf(() => readFromResource('getLocation', [], context))).toEqual(['UPSTREAM', 'INVALID_DATA', undefined]);
    expect(failureOf(() => unwrapEnvelope(200, '{"result_code": "success", "data": [garbage', null))).toEqual(['UPSTREAM', 'INVALID_DATA', undefined]);
    expect(failureOf(() => unwrapEnvelope(200, '{"data": {}}', null))).toEqual(['UPSTREAM', 'INVALID_DATA', undefined]);
  });

  it("maps NIO's result codes to catalog errors", () => {
    const cases = [
      [408, 'vehicle_offline', null, ['VEHICLE_STATE', 'UNREACHABLE', undefined]],
      [429, 'rate_limit_exceeded', '42', ['UPSTREAM', 'RATE_LIMIT', 42]],
      [429, 'rate_limit_exceeded', 'soon', ['UPSTREAM', 'RATE_LIMIT', 60]],
      [403, 'permission_denied', null, ['CONNECTED_SERVICES_ACCOUNT', 'PERMISSION', undefined]],
      [404, 'vehicle_not_found', null, ['CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING', undefined]],
      [500, 'internal_error', null, ['UPSTREAM', 'UNKNOWN_ISSUE', undefined]],
      [503, null, null, ['UPSTREAM', 'UNKNOWN_ISSUE', undefined]],
      [409, 'plug_not_connected', null, ['VEHICLE_STATE', 'CHARGING_PLUG_NOT_CONNECTED', undefined]],
      [409, 'already_charging', null, ['VEHICLE_STATE', 'CHARGING_IN_PROGRESS', undefined]],
      [409, 'not_charging', null, ['VEHICLE_STATE', 'NOT_CHARGING', undefined]],
      [409, 'battery_full', null, ['VEHICLE_STATE', 'FULLY_CHARGED', undefined]],
      [409, 'charger_fault', null, ['VEHICLE_STATE', 'CHARGE_FAULT', undefined]],
      [409, 'vehicle_in_motion', null, ['VEHICLE_STATE', 'IN_MOTION', undefined]],
      [409, 'something_new', null, ['UPSTREAM', 'UNKNOWN_ISSUE', undefined]],
    ] as const;
    for (const [status, resultCode, retryAfter, expected] of cases) {
      const body = resultCode === null ? '<html>Service Unavailable</html>' : envelope(null, resultCode);
      expect(failureOf(() => unwrapEnvelope(status, body, retryAfter)), `${status} ${resultCode ?? '(no envelope)'}`).toEqual(expected);
    }
    for (const resultCode of ['invalid_token', 'token_expired']) expect(() => unwrapEnvelope(401, envelope(null, resultCode), null)).toThrow(NioUnauthorized);
  });

  it("maps the change feed's events to catalog events with NIO's ids, skipping types Carport has no word for", () => {
    const ref: VehicleRef = { make: 'NIO', mode: 'live', providerVehicleId: 'account-1:vv-2f9a61c4d8e0' };
    const page = feedPageOf(ref, {
      events: [
        { event_id: 'vv-2f9a61c4d8e0-7', event_type: 'charging_started', sample_time: 1_715_709_600_000, user_soc: 64.5 },
        { event_id: 'vv-2f9a61c4d8e0-8', event_type: 'door_opened', sample_time: 1_715_709_700_000, user_soc: null },
        { event_id: 'vv-2f9a61c4d8e0-9', event_type: 'charging_completed', sample_time: 1_715_713_200_000, user_soc: null },
      ],
      next_cursor: '9',
      has_more: false,
    });
    expect(page).toEqual({
      events: [
        { eventId: 'vv-2f9a61c4d8e0-7', ref, type: 'CHARGING_STARTED', occurredAt: new Date(1_715_709_600_000), data: { stateOfCharge: 0.645 } },
        { eventId: 'vv-2f9a61c4d8e0-9', ref, type: 'CHARGING_COMPLETED', occurredAt: new Date(1_715_713_200_000), data: {} },
      ],
      nextCursor: '9',
      hasMore: false,
    });
    expect(failureOf(() => feedPageOf(ref, { events: [{ event_type: 'charging_started' }], next_cursor: '1' }))).toEqual(['UPSTREAM', 'INVALID_DATA', undefined]);
    expect([feedQuery('now'), feedQuery({ cursor: '9' }), feedQuery({ since: new Date(1_715_709_600_000) })]).toEqual(['', '?cursor=9', '?since=1715709600000']);
  });

  it("asks NIO for the data packages of the application's permissions, the profile always", () => {
    expect(nioScopesFor([])).toEqual(['vehicle_profile']);
    expect(nioScopesFor(['read_odometer', 'control_charge'])).toEqual(['vehicle_profile', 'vehicle_details', 'control_charging']);
    expect(nioScopesFor(['read_location', 'read_compass', 'read_battery', 'read_charge_events', 'read_thermometer'])).toEqual(['vehicle_profile', 'location', 'vehicle_details', 'charging_status']);
    // Permissions outside NIO's five packages ask NIO for nothing more.
    expect(nioScopesFor(['read_diagnostics', 'control_security', 'read_vin'])).toEqual(['vehicle_profile']);
  });
});
