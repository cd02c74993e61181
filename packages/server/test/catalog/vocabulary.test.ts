/** @module The vocabulary the catalog declares once: modes, webhook words and durations, with their guards. */
import { describe, expect, it } from 'vitest';
import { DURATION_FORMS, durationPattern, MAX_DURATION_MS, parseDuration, readDurationText } from '../../src/catalog/durations.js';
import { isVehicleMode, vehicleModes, vehicleModeSchema } from '../../src/catalog/vehicle-modes.js';
import {
  deliveryStatuses, eventTypePermissions, isDeliveryStatus, isVehicleEventType, isWebhookKind, vehicleEventTypes, verificationStatuses, webhookKinds,
} from '../../src/catalog/webhook-vocabulary.js';

describe('vehicle modes', () => {
  it('are live, test and simulated, in that order, and nothing else', () => {
    expect(vehicleModes).toEqual(['live', 'test', 'simulated']);
    expect(vehicleModes.every(isVehicleMode)).toBe(true);
    for (const other of ['LIVE', 'sandbox', '', null, 1]) expect(isVehicleMode(other), String(other)).toBe(false);
  });

  it('render as a schema of their literals with the field’s description', () => {
    expect(JSON.parse(JSON.stringify(vehicleModeSchema({ description: 'Which mode.' })))).toEqual({
      anyOf: [
        { type: 'string', const: 'live' },
        { type: 'string', const: 'test' },
        { type: 'string', const: 'simulated' },
      ],
      description: 'Which mode.',
    });
  });
});

describe('webhook vocabulary', () => {
  it('names the kinds, event types, delivery and verification statuses once', () => {
    expect(webhookKinds).toEqual(['scheduled', 'eventBased']);
    expect(vehicleEventTypes).toEqual(['CHARGING_STARTED', 'CHARGING_STOPPED', 'CHARGING_COMPLETED', 'DTC_ACTIVATED', 'DTC_CLEARED', 'SYSTEM_STATUS_CHANGED']);
    expect(deliveryStatuses).toEqual(['pending', 'delivering', 'delivered', 'dead']);
    expect(verificationStatuses).toEqual(['verified', 'pending', 'failed']);
  });

  it('gives every event type exactly one permission', () => {
    expect(Object.keys(eventTypePermissions)).toEqual([...vehicleEventTypes]);
    expect(eventTypePermissions).toEqual({
      CHARGING_STARTED: 'read_charge_events',
      CHARGING_STOPPED: 'read_charge_events',
      CHARGING_COMPLETED: 'read_charge_events',
      DTC_ACTIVATED: 'read_diagnostics',
      DTC_CLEARED: 'read_diagnostics',
      SYSTEM_STATUS_CHANGED: 'read_diagnostics',
    });
  });

  it('guards each word list', () => {
    expect([isWebhookKind('scheduled'), isWebhookKind('eventbased'), isWebhookKind(undefined)]).toEqual([true, false, false]);
    expect([isVehicleEventType('DTC_CLEARED'), isVehicleEventType('toString'), isVehicleEventType('dtc_cleared')]).toEqual([true, false, false]);
    expect([isDeliveryStatus('dead'), isDeliveryStatus('failed')]).toEqual([true, false]);
  });
});

describe('durations', () => {
  it('parse every unit, a bare number as seconds unless a unit is required', () => {
    expect(['250ms', '90s', '15m', '2h', '3d', '1w', '1.5h', ' 2 h ', '10'].map((text) => parseDuration(text))).toEqual([
      250, 90_000, 900_000, 7_200_000, 259_200_000, 604_800_000, 5_400_000, 7_200_000, 10_000,
    ]);
    expect(parseDuration('10', { unitRequired: true })).toBeUndefined();
  });

  it('refuse malformed, zero and over-long durations', () => {
    for (const text of ['', 'h', '-1s', '1y', '0s', '367d', '2 hours']) expect(parseDuration(text), text).toBeUndefined();
    expect(parseDuration('366d')).toBe(MAX_DURATION_MS);
  });

  it('split a duration into amount, unit and wholeness, and state the grammar as a pattern', () => {
    expect(readDurationText('25s')).toEqual({ amount: 25, unit: 's', whole: true });
    expect(readDurationText('1.5')).toEqual({ amount: 1.5, unit: undefined, whole: false });
    expect(readDurationText('5 years')).toBeUndefined();
    expect(durationPattern).toBe('^\\d+(\\.\\d+)?\\s*(ms|s|m|h|d|w)?$');
    expect(DURATION_FORMS).toBe('a number followed by one of the units ms, s, m, h, d, w (e.g. 90s, 15m, 2h, 3d, 1w)');
  });
});
