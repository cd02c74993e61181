/** @module The plan catalog and the `CARPORT_PLANS` / `REDIS_URL` settings that configure limits. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-config.js';
import { billingMonth, tokenIntervalMs } from '../../src/limits/limiter.js';
import { defaultPlans, heldPlan, lackedFeature, parsePlanOverrides, resolvePlans } from '../../src/catalog/plans.js';
import { testConfig } from '../helpers/test-app.js';

const everyFeature = ['commands', 'make_specific_endpoints', 'batch', 'webhooks', 'compatibility_api'];

describe('plans', () => {
  it('ships four plans whose free plan mirrors the public service, and a development plan', () => {
    expect(Object.keys(defaultPlans)).toEqual(['free', 'build', 'scale', 'enterprise', 'development']);
    expect(defaultPlans.free).toEqual({
      maxConnectedVehicles: 10,
      monthlyRequestsPerVehicle: 500,
      vehicleRate: { capacity: 20, refillPerMinute: 1 / 3 },
      applicationRate: { capacity: 120, refillPerMinute: 2 },
      features: everyFeature,
    });
    // Existing applications keep everything they could do before plans had features.
    for (const plan of Object.values(defaultPlans)) expect(plan.features).toEqual(everyFeature);
    expect(tokenIntervalMs(defaultPlans.free.vehicleRate)).toBe(180_000);
    expect(tokenIntervalMs(defaultPlans.free.applicationRate)).toBe(30_000);
    // Generous enough that reading one vehicle over and over while exploring never waits.
    expect(defaultPlans.development).toEqual({
      maxConnectedVehicles: 1_000,
      monthlyRequestsPerVehicle: null,
      vehicleRate: { capacity: 600, refillPerMinute: 60 },
      applicationRate: { capacity: 6_000, refillPerMinute: 600 },
      features: everyFeature,
    });
  });

  it('applies overrides field by field and accepts complete new plans', () => {
    const parsed = parsePlanOverrides(
      '{"free":{"maxConnectedVehicles":null,"vehicleRate":{"capacity":5,"refillPerMinute":0.5}},' +
        '"fleet":{"maxConnectedVehicles":3,"monthlyRequestsPerVehicle":0,"vehicleRate":null,"applicationRate":null}}',
    );
    if (!parsed.ok) throw new Error(parsed.problem);
    const plans = resolvePlans(parsed.value);
    expect(plans.free).toEqual({
      maxConnectedVehicles: null,
      monthlyRequestsPerVehicle: 500,
      vehicleRate: { capacity: 5, refillPerMinute: 0.5 },
      applicationRate: { capacity: 120, refillPerMinute: 2 },
      features: everyFeature,
    });
    expect(plans.fleet).toEqual({ maxConnectedVehicles: 3, monthlyRequestsPerVehicle: 0, vehicleRate: null, applicationRate: null, features: everyFeature });
    expect(plans.build).toEqual(defaultPlans.build);
    expect(parsePlanOverrides(undefined)).toEqual({ ok: true, value: {} });
    expect(parsePlanOverrides('  ')).toEqual({ ok: true, value: {} });
  });

  it('replaces a plan’s features, or gives a new plan only those it lists', () => {
    const parsed = parsePlanOverrides('{"free":{"features":["batch"]},"reader":{"maxConnectedVehicles":1,"monthlyRequestsPerVehicle":null,"vehicleRate":null,"applicationRate":null,"features":[]}}');
    if (!parsed.ok) throw new Error(parsed.problem);
    const plans = resolvePlans(parsed.value);
    expect(plans.free).toEqual({ ...defaultPlans.free, features: ['batch'] });
    expect(plans.reader?.features).toEqual([]);
    expect(plans.scale).toEqual(defaultPlans.scale);
    expect(lackedFeature(heldPlan(plans, 'free').limits, ['batch', 'commands', 'webhooks'])).toBe('commands');
    expect(lackedFeature(heldPlan(plans, 'scale').limits, ['batch', 'commands', 'webhooks'])).toBeUndefined();
    // An application on a plan the catalog lacks is held to the default plan, features and all.
    expect(heldPlan(plans, 'gold')).toEqual({ limits: plans.free, known: false });
  });

  it.each([
    ['not JSON', '{free', 'the value is not valid JSON'],
    ['an array', '[]', 'e.g.'],
    ['a bad plan name', '{"Free Plan":{}}', 'plan name "Free Plan"'],
    ['an unknown field', '{"free":{"maxVehicles":3}}', 'plan "free" has an unknown field "maxVehicles"'],
    ['a negative count', '{"build":{"monthlyRequestsPerVehicle":-1}}', 'build.monthlyRequestsPerVehicle must be an integer ≥ 0 or null'],
    ['a fractional capacity', '{"scale":{"applicationRate":{"capacity":1.5,"refillPerMinute":1}}}', 'scale.applicationRate must be'],
    ['a zero refill', '{"scale":{"vehicleRate":{"capacity":1,"refillPerMinute":0}}}', 'scale.vehicleRate must be'],
    ['an incomplete new plan', '{"fleet":{"maxConnectedVehicles":3}}', 'new plan "fleet" must set all of'],
    ['features that are not a list', '{"free":{"features":"batch"}}', 'free.features must be a list of distinct features among commands, make_specific_endpoints, batch, webhooks, compatibility_api'],
    ['an unknown feature', '{"free":{"features":["batch","teleport"]}}', '("teleport" is not one)'],
    ['a feature listed twice', '{"free":{"features":["batch","batch"]}}', '(batch is listed twice)'],
  ])('refuses %s, saying why', (_name, raw, reason) => {
    const parsed = parsePlanOverrides(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(reason);
  });

  it('stops start-up on invalid limit settings, naming the variables', () => {
    expect(() => testConfig({ CARPORT_PLANS: '{"free":{"maxVehicles":3}}', REDIS_URL: 'http://localhost:6379', CARPORT_LIMITS_ENABLED: 'maybe' })).toThrow(ConfigError);
    try {
      testConfig({ CARPORT_PLANS: '{"free":{"maxVehicles":3}}', REDIS_URL: 'http://localhost:6379', CARPORT_LIMITS_ENABLED: 'maybe' });
    } catch (error) {
      const problems = error instanceof ConfigError ? error.problems.join('\n') : '';
      expect(problems).toContain('CARPORT_PLANS=');
      expect(problems).toContain('REDIS_URL="http://localhost:6379" is invalid: expected a redis:// or rediss:// URL.');
      expect(problems).toContain('CARPORT_LIMITS_ENABLED="maybe" is invalid: expected true or false.');
    }
    expect(testConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' })).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379/2',
      redisKeyPrefix: 'carport:',
      limitsEnabled: true,
      planOverrides: {},
    });
  });

  it('bills by UTC calendar month', () => {
    expect(billingMonth(Date.parse('2026-11-30T23:59:59.999Z'))).toEqual({ key: '2026-11', resetAtMs: Date.parse('2026-12-01T00:00:00.000Z') });
    expect(billingMonth(Date.parse('2026-12-31T12:00:00.000Z'))).toEqual({ key: '2026-12', resetAtMs: Date.parse('2027-01-01T00:00:00.000Z') });
  });
});
