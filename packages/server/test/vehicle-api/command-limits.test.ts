/** @module A command value outside the vehicle's limits answers VALIDATION naming both limits, in the request's units. */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findError } from '../../src/catalog/errors.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { passwordLinkingOf } from '../../src/providers/contract/index.js';
import { listedVehicle, seedWorld } from '../helpers/test-world.js';

describe('Tesla cabin climate limits over HTTP', () => {
  let harness: TestApp;
  let token: string;
  let vehicleId: string;

  beforeEach(async () => {
    harness = await buildTestApp({ now: () => new Date('2026-11-18T14:00:00.000Z') });
    const { repositories, providers } = harness.app.carport;
    const provider = providers.find('TESLA', 'test');
    const signedIn = await passwordLinkingOf(provider)?.signIn('TESLA', 'test', { username: 'climate@example.com', password: 'x' });
    if (provider === undefined || signedIn?.ok !== true) throw new Error('cannot sign in to TESLA');
    const [vehicle] = await provider.listVehicles(signedIn.account);
    if (vehicle === undefined) throw new Error('no TESLA vehicle');
    const world = await seedWorld(repositories, { application: { name: 'Climate' }, owner: signedIn.account, vehicles: [listedVehicle(vehicle)], permissions: ['control_climate'] });
    vehicleId = world.vehicleId;
    token = world.accessToken;
  });
  afterEach(async () => {
    await harness.app.close();
  });

  const setCabin = async (payload: Record<string, unknown>, unitSystem?: 'metric' | 'imperial'): Promise<LightMyRequestResponse> =>
    harness.app.inject({
      method: 'POST',
      url: `/v2.0/vehicles/${vehicleId}/tesla/climate/cabin`,
      headers: { authorization: `Bearer ${token}`, ...(unitSystem === undefined ? {} : { 'sc-unit-system': unitSystem }) },
      payload,
    });
  const parameterError = (requestId: unknown, description: string, message: string) => {
    const definition = findError('VALIDATION', 'PARAMETER');
    return {
      type: 'VALIDATION',
      code: 'PARAMETER',
      description,
      docURL: 'http://carport.test/docs/errors#validation-parameter',
      statusCode: 400,
      requestId,
      resolution: { type: null },
      suggestedUserMessage: definition?.suggestedUserMessage,
      detail: [{ field: 'body.temperature', message }],
    };
  };

  it('refuses an out-of-range temperature with the lower and upper limits, in Celsius or Fahrenheit', async () => {
    for (const temperature of [35, 14.5]) {
      const refused = await setCabin({ action: 'SET', temperature });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toEqual(
        parameterError(refused.headers['sc-request-id'], '`temperature` must be between 15 °C and 28 °C, the lower and upper limits this vehicle accepts.', 'must be between 15 °C and 28 °C'),
      );
    }
    const imperial = await setCabin({ action: 'START', temperature: 90 }, 'imperial');
    expect(imperial.statusCode).toBe(400);
    expect(imperial.json()).toEqual(
      parameterError(imperial.headers['sc-request-id'], '`temperature` must be between 59 °F and 82.4 °F, the lower and upper limits this vehicle accepts.', 'must be between 59 °F and 82.4 °F'),
    );
    const accepted = await setCabin({ action: 'SET', temperature: 28 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ temperature: 28 });
  });
});
