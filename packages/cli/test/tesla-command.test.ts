/** `carport tesla partner-key`: the partner domain, the kept public key and the registration call, exactly. */
import { createPublicKey } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseLine, runCli } from './run-cli.js';

describe('carport tesla partner-key', () => {
  const env = {
    CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-tesla-key-')),
    CARPORT_SECRET_KEY: 'tesla-key-test-secret-key-0123456789abcdef',
    CARPORT_TESLA_CLIENT_ID: 'client',
    CARPORT_TESLA_CLIENT_SECRET: 'secret',
    CARPORT_SIMULATED_MODES: 'test,simulated',
    PUBLIC_URL: 'https://carport.example.com',
  };

  it('prints what to register, with the same key pair on every run', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const json = await runCli(['tesla', 'partner-key', '--json'], env);
    expect([json.code, json.stderr]).toEqual([0, databaseLine(env)]);
    const registration = JSON.parse(json.stdout) as { publicKeyPem: string };
    expect(createPublicKey(registration.publicKeyPem).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(registration).toEqual({
      domain: 'carport.example.com',
      publicKeyUrl: 'https://carport.example.com/.well-known/appspecific/com.tesla.3p.public-key.pem',
      publicKeyPem: registration.publicKeyPem,
      pairingUrl: 'https://tesla.com/_ak/carport.example.com',
      registration: { method: 'POST', url: 'https://fleet-api.prd.na.vn.cloud.tesla.com/api/1/partner_accounts', body: { domain: 'carport.example.com' } },
    });
    const text = await runCli(['tesla', 'partner-key'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        'Partner domain:  carport.example.com',
        'Public key URL:  https://carport.example.com/.well-known/appspecific/com.tesla.3p.public-key.pem (Carport serves it there)',
        'Pairing link:    https://tesla.com/_ak/carport.example.com',
        '',
        registration.publicKeyPem.trimEnd(),
        '',
        'Register the domain once, with a partner token (client_credentials grant):',
        '  POST https://fleet-api.prd.na.vn.cloud.tesla.com/api/1/partner_accounts',
        '  {"domain":"carport.example.com"}',
        '',
      ].join('\n'),
    );
  });

  it('says what is missing without a Tesla client', async () => {
    const bare = { CARPORT_DATA_DIR: mkdtempSync(join(tmpdir(), 'carport-tesla-key-')), CARPORT_SECRET_KEY: env.CARPORT_SECRET_KEY };
    expect((await runCli(['migrate'], bare)).code).toBe(0);
    const answer = await runCli(['tesla', 'partner-key'], bare);
    expect([answer.code, answer.stdout]).toEqual([1, '']);
    expect(answer.stderr).toContain('no Tesla client is configured: set CARPORT_TESLA_CLIENT_ID and CARPORT_TESLA_CLIENT_SECRET');
  });
});
