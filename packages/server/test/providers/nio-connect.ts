/**
 * @module Connect as a NIO owner's browser goes through it: Carport's pages, NIO's (emulated) login
 * and consent to the data packages, back to Carport's consent, then the application's code
 * exchange through the official SDK.
 */
import type { EmulatedNioCloud, NioVehicle } from '@carport/emulators';
import type { FastifyInstance } from 'fastify';
import smartcar from 'smartcar';
import { expect } from 'vitest';
import { ConnectDriver, hiddenFields, redirectParams } from '../helpers/connect-driver.js';
import { signInAtEmulatedNio } from './nio-subject.js';

/** NIO's data packages, by the titles both consent pages show. */
export const nioPackageTitles = ['Read Vehicle Profile', 'Read Location Data', 'Read Vehicle Details', 'Read Charging Status', 'Control Charging'];

export interface NioConnection {
  readonly accessToken: string;
  readonly vehicleId: string;
  readonly vehicle: NioVehicle;
}

/** Connects `email`'s NIO to the application of `auth` with `scope`, asserting each step; answers the application's access token. */
export async function connectThroughNio(app: FastifyInstance, auth: smartcar.AuthClient, cloud: EmulatedNioCloud, email: string, scope: readonly string[], redirectUri: string): Promise<NioConnection> {
  const url = new URL(auth.getAuthUrl([...scope], { state: `state-${email}`, makeBypass: 'NIO' }));
  const driver = new ConnectDriver(app);
  const preamble = await driver.follow(await driver.get(url.pathname + url.search));
  // The preamble's form answers with a redirect to NIO's login, which its CSP must let through.
  expect(String(preamble.response.headers['content-security-policy'])).toContain(`form-action 'self' ${new URL(redirectUri).origin} ${cloud.origin};`);
  const toNio = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
  expect(toNio.status).toBe(303);
  const nioLogin = new URL(toNio.location ?? '');
  expect(`${nioLogin.origin}${nioLogin.pathname}`).toBe(`${cloud.origin}/oauth2/authorize`);
  // The application's permissions as NIO's data packages: all five, as the scope spans them.
  expect(nioLogin.searchParams.get('scope')).toBe('vehicle_profile location vehicle_details charging_status control_charging');
  expect(nioLogin.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await signInAtEmulatedNio(nioLogin, email);
  const grant = await driver.follow(await driver.get(back.pathname + back.search));
  expect(grant.status).toBe(200);
  const vehicle = cloud.vehicleOf(email);
  expect(grant.html).toContain(vehicle.vin.slice(-6));
  // Connect's consent lists the packages NIO's page did, under NIO's titles.
  for (const title of nioPackageTitles) expect(grant.html).toContain(title);
  const boxes = [...grant.html.matchAll(/name="vehicle" value="([^"]+)"/g)].map((match) => match[1] ?? '');
  expect(boxes).toHaveLength(1);
  const done = await driver.post('/connect/grant', { ...hiddenFields(grant.html), action: 'approve', vehicle: boxes });
  expect(done.location?.startsWith(`${redirectUri}?`)).toBe(true);
  const params = redirectParams(done.location);
  expect(Object.keys(params).sort()).toEqual(['code', 'state']);
  const access = await auth.exchangeCode(params.code ?? '');
  const { vehicles } = await smartcar.getVehicles(access.accessToken);
  expect(vehicles).toHaveLength(1);
  return { accessToken: access.accessToken, vehicleId: vehicles[0] ?? '', vehicle };
}
