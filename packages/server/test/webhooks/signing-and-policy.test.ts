/** @module Signatures (against the official SDK), the retry delays, what each webhook kind needs, and the webhook settings. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-config.js';
import { serializeBody, eventBasedBody } from '../../src/webhooks/delivery-body.js';
import { retryDelayMs } from '../../src/webhooks/retry-policy.js';
import { hmacHex, signBody, timestampedSignature, verifyTimestampedSignature } from '../../src/webhooks/signing.js';
import { endpointForPath, requiredPermissions } from '../../src/webhooks/webhook-definition.js';
import { webhookSettingsFrom } from '../../src/webhooks/webhook-settings.js';
import { testConfig } from '../helpers/test-app.js';
import { smartcar } from './official-sdk.js';

const token = 'mt_0123456789abcdef';

describe('signatures', () => {
  const body = serializeBody(
    eventBasedBody(
      { id: '9b6ae692-60cc-4b3e-89d8-71e7549cf805', mode: 'live' },
      { eventId: 'e0514ef4-5226-11e8-8c13-8f6e8f02e27e', vehicleId: 'v', eventType: 'CHARGING_STARTED', eventTime: '2026-11-22T03:00:00.000Z', data: { note: 'ünïcode "quoted" \u2028' } },
    ),
  );

  it('SC-Signature is the hex HMAC-SHA256 of the raw body that the official SDK computes and verifies', () => {
    expect(signBody(token, body)).toBe(smartcar.hashChallenge(token, body));
    expect(smartcar.verifyPayload(token, signBody(token, body), JSON.parse(body))).toBe(true);
    expect(smartcar.verifyPayload('mt_other', signBody(token, body), JSON.parse(body))).toBe(false);
    expect(body).toBe(JSON.stringify(JSON.parse(body)));
  });

  it('the timestamped signature verifies within the tolerance and refuses replays, other bodies and other keys', () => {
    const header = timestampedSignature(token, body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyTimestampedSignature(token, body, header, { nowSeconds: 1_800_000_299 })).toBe(true);
    expect(verifyTimestampedSignature(token, body, header, { nowSeconds: 1_800_000_301 })).toBe(false);
    expect(verifyTimestampedSignature(token, `${body} `, header, { nowSeconds: 1_800_000_000 })).toBe(false);
    expect(verifyTimestampedSignature('mt_other', body, header, { nowSeconds: 1_800_000_000 })).toBe(false);
    expect(verifyTimestampedSignature(token, body, header.replace('t=1800000000', 't=1800000100'), { nowSeconds: 1_800_000_100 })).toBe(false);
    expect(verifyTimestampedSignature(token, body, undefined, { nowSeconds: 0 })).toBe(false);
    expect(verifyTimestampedSignature(token, body, 'v1=abc', { nowSeconds: 0 })).toBe(false);
  });

  it('carries one v1 per key during a rotation, and verifies with any of them', () => {
    const header = timestampedSignature([token, 'mt_previous'], body, 1_800_000_000);
    expect(header).toBe(`t=1800000000,v1=${hmacHex(token, `1800000000.${body}`)},v1=${hmacHex('mt_previous', `1800000000.${body}`)}`);
    expect(verifyTimestampedSignature(token, body, header, { nowSeconds: 1_800_000_000 })).toBe(true);
    expect(verifyTimestampedSignature('mt_previous', body, header, { nowSeconds: 1_800_000_000 })).toBe(true);
    expect(verifyTimestampedSignature('mt_other', body, header, { nowSeconds: 1_800_000_000 })).toBe(false);
  });
});

describe('retry delays', () => {
  const policy = { scheduleMs: [25_000, 50_000, 100_000], jitterPercent: 20 };

  it('follow the schedule, add up to the jitter share, and end in a dead letter', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, policy, () => 0))).toEqual([25_000, 50_000, 100_000, null]);
    expect([1, 2, 3].map((failures) => retryDelayMs(failures, policy, () => 0.999_999))).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(1, { scheduleMs: [], jitterPercent: 0 }, Math.random)).toBeNull();
  });
});

describe('what webhooks need', () => {
  it('maps events and scheduled endpoints to the permissions their data needs', () => {
    expect(requiredPermissions({ kind: 'eventBased', eventTypes: ['CHARGING_STARTED', 'CHARGING_COMPLETED', 'DTC_CLEARED'] })).toEqual(['read_charge_events', 'read_diagnostics']);
    expect(requiredPermissions({ kind: 'scheduled', intervalSeconds: 3600, endpoints: ['/odometer', '/battery', '/tesla/charge'] })).toEqual(['read_battery', 'read_charge', 'read_odometer']);
    expect(endpointForPath('/odometer')?.id).toBe('getOdometer');
    expect(endpointForPath('/tesla/charge')?.id).toBe('teslaGetChargeStatus');
    expect(endpointForPath('/TESLA/charge')).toBeUndefined();
    expect(endpointForPath('/batch')).toBeUndefined();
    expect(endpointForPath('odometer')).toBeUndefined();
  });
});

describe('webhook settings', () => {
  it('have the documented defaults', () => {
    expect(webhookSettingsFrom(testConfig())).toEqual({
      workerEnabled: true,
      pollIntervalMs: 1_000,
      timeoutMs: 15_000,
      retryScheduleMs: [25_000, 50_000, 100_000],
      retryJitterPercent: 20,
      claimLeaseMs: 60_000,
      concurrency: 64,
      connectionsPerOrigin: 16,
      allowedAddressClasses: [],
      maxResponseBytes: 65_536,
      intakeMaxHeldEvents: 100_000,
    });
  });

  it('parse durations and address ranges, and keep the lease longer than a request', () => {
    const settings = webhookSettingsFrom(
      testConfig({ CARPORT_WEBHOOK_RETRY_SCHEDULE: '500ms, 2s,1m,1h', CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'Loopback,private', CARPORT_WEBHOOK_TIMEOUT_MS: '30000', CARPORT_WEBHOOK_CLAIM_LEASE_MS: '1000' }),
    );
    expect(settings.retryScheduleMs).toEqual([500, 2_000, 60_000, 3_600_000]);
    expect(settings.allowedAddressClasses).toEqual(['loopback', 'private']);
    expect(settings.claimLeaseMs).toBe(31_000);
    expect(webhookSettingsFrom(testConfig({ CARPORT_WEBHOOK_RETRY_SCHEDULE: 'none' })).retryScheduleMs).toEqual([]);
  });

  it('refuse invalid values naming the variable and what it accepts', () => {
    let problems: readonly string[] = [];
    try {
      testConfig({ CARPORT_WEBHOOK_RETRY_SCHEDULE: '25,50', CARPORT_WEBHOOK_ALLOW_ADDRESSES: 'everything', CARPORT_WEBHOOK_WORKER: 'maybe' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual([
      'CARPORT_WEBHOOK_WORKER="maybe" is invalid: expected true or false.',
      'CARPORT_WEBHOOK_RETRY_SCHEDULE="25,50" is invalid: expected none, or a comma-separated list of durations such as 25s,50s,100s (units ms, s, m, h), each at most 24h.',
      'CARPORT_WEBHOOK_ALLOW_ADDRESSES="everything" is invalid: expected none, or a comma-separated list of loopback, private, link-local.',
    ]);
  });
});
