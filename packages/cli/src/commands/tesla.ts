/** @module `carport tesla partner-key`: what to register with Tesla for the partner domain (the key pair is generated once and kept). */
import { partnerRegistration, teslaPartnerKey } from '@carport/server/core';
import type { Command } from 'commander';
import { withServices } from '../services.js';

export function registerTeslaCommands(program: Command): void {
  const tesla = program.command('tesla').description('The live Tesla provider: partner key and registration');
  tesla
    .command('partner-key')
    .description("Print the partner domain, the public key Tesla fetches from it and the partner_accounts call that registers it (the key pair is generated on first use)")
    .option('--json', 'print exactly one JSON object', false)
    .action(async (options: { json: boolean }, command: Command) => {
      const registration = await withServices(command, async (services) => {
        const config = services.config.tesla;
        if (config === undefined) throw new Error('no Tesla client is configured: set CARPORT_TESLA_CLIENT_ID and CARPORT_TESLA_CLIENT_SECRET');
        const { publicKeyPem } = await teslaPartnerKey(services.repositories.partnerKeys);
        return partnerRegistration(config.partnerDomain, config.fleetApiUrl, publicKeyPem);
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(registration)}\n`);
        return;
      }
      const { method, url, body } = registration.registration;
      process.stdout.write(
        [
          `Partner domain:  ${registration.domain}`,
          `Public key URL:  ${registration.publicKeyUrl} (Carport serves it there)`,
          `Pairing link:    ${registration.pairingUrl}`,
          '',
          registration.publicKeyPem.trimEnd(),
          '',
          'Register the domain once, with a partner token (client_credentials grant):',
          `  ${method} ${url}`,
          `  ${JSON.stringify(body)}`,
          '',
        ].join('\n'),
      );
    });
}
