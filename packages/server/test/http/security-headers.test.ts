import { describe, expect, it } from 'vitest';
import { formTargetOf, htmlContentSecurityPolicy } from '../../src/http/security-headers.js';
import { authorizeUrl, ConnectDriver } from '../helpers/connect-driver.js';
import { fakeRegistry } from '../helpers/fake-provider.js';
import { buildTestApp } from '../helpers/test-app.js';

describe('the CSP form targets of a Connect flow', () => {
  it.each([
    ['https://app.example/callback?x=1', 'https://app.example'],
    ['https://app.example:8443/deep/path', 'https://app.example:8443'],
    ['http://localhost:3000/callback', 'http://localhost:3000'],
    ['http://127.0.0.1:5173/cb', 'http://127.0.0.1:5173'],
    ['sc3f0c9a2e-1b7d-4c55-9d0e-7a1b2c3d4e5f://exchange', 'sc3f0c9a2e-1b7d-4c55-9d0e-7a1b2c3d4e5f:'],
    ['com.example.app:/oauth2redirect', 'com.example.app:'],
  ])('allows %s as %s', (redirectUri, source) => {
    expect(formTargetOf(redirectUri)).toBe(source);
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'blob:https://app.example/1', 'not a url'])('never allows %s', (redirectUri) => {
    expect(formTargetOf(redirectUri)).toBeUndefined();
  });

  it('is the whole default policy plus the origin', () => {
    expect(htmlContentSecurityPolicy(['https://app.example'])).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self' https://app.example; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    );
  });

  it("names the flow's redirect origin on every page of the flow, and only there", async () => {
    const { app } = await buildTestApp({ providers: fakeRegistry() });
    try {
      const created = await app.carport.repositories.applications.createApplication({ name: 'Cross', redirectUris: ['https://app.example/callback'] });
      const driver = new ConnectDriver(app);
      const preamble = await driver.follow(
        await driver.get(authorizeUrl({ response_type: 'code', client_id: created.application.clientId, redirect_uri: 'https://app.example/callback', scope: 'read_odometer', mode: 'test' })),
      );
      expect(preamble.status).toBe(200);
      expect(preamble.response.headers['content-security-policy']).toBe(htmlContentSecurityPolicy(['https://app.example']));
      const login = await driver.submit(preamble, '/connect/preamble', { action: 'continue' });
      const brands = login.response.headers['content-security-policy'];
      expect(brands).toBe(htmlContentSecurityPolicy(['https://app.example']));
      const owner = await app.inject({ method: 'GET', url: '/connect/owner' });
      expect(owner.headers['content-security-policy']).toBe(htmlContentSecurityPolicy());
    } finally {
      await app.close();
    }
  });
});

describe('Strict-Transport-Security', () => {
  it('is sent on every response when PUBLIC_URL is https, and never over plain http', async () => {
    const secure = await buildTestApp({ env: { PUBLIC_URL: 'https://carport.example' } });
    const plain = await buildTestApp();
    try {
      for (const url of ['/healthz', '/v2.0/vehicles', '/connect/owner']) {
        expect((await secure.app.inject({ method: 'GET', url })).headers['strict-transport-security']).toBe('max-age=31536000');
        expect((await plain.app.inject({ method: 'GET', url })).headers['strict-transport-security']).toBeUndefined();
      }
    } finally {
      await secure.app.close();
      await plain.app.close();
    }
  });
});
