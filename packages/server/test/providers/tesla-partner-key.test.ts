/** Carport's Tesla partner public key: generated once, kept, and served where Tesla fetches it only when a Tesla client is configured. */
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/test-app.js';

const tesla = { CARPORT_TESLA_CLIENT_ID: 'client', CARPORT_TESLA_CLIENT_SECRET: 'secret', CARPORT_SIMULATED_MODES: 'test,simulated' };
const path = '/.well-known/appspecific/com.tesla.3p.public-key.pem';

describe('Tesla partner public key', () => {
  it('serves one EC P-256 public key, the same on every request', async () => {
    const { app } = await buildTestApp({ env: tesla });
    try {
      const first = await app.inject({ method: 'GET', url: path });
      expect([first.statusCode, first.headers['content-type']]).toEqual([200, 'application/x-pem-file']);
      expect(first.body).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
      expect(createPublicKey(first.body).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
      expect((await app.inject({ method: 'GET', url: path })).body).toBe(first.body);
      const stored = await app.carport.repositories.partnerKeys.findOrCreate('tesla-partner', () => {
        throw new Error('the pair should have been stored');
      });
      expect(stored.publicKeyPem).toBe(first.body);
      // Kept encrypted: the stored text is not the PEM.
      const row = await app.carport.store.db.selectFrom('partner_keys').selectAll().executeTakeFirstOrThrow();
      expect(row.private_key_encrypted).not.toContain('PRIVATE KEY');
    } finally {
      await app.close();
    }
  });

  it('is not served without a Tesla client', async () => {
    const { app } = await buildTestApp();
    try {
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
