/**
 * @module Serves Carport's Tesla partner public key where Tesla fetches it, once a Tesla client is
 * configured (the key pair is generated on the first request and kept).
 */
import { PARTNER_PUBLIC_KEY_PATH, teslaPartnerKey } from '../../providers/tesla/index.js';
import type { CarportModule } from '../carport-module.js';

export const teslaPartnerKeyRoute: CarportModule = {
  name: 'tesla-partner-key',
  register(app, context) {
    if (context.config.tesla === undefined) return;
    app.get(PARTNER_PUBLIC_KEY_PATH, async (_request, reply) => {
      const { publicKeyPem } = await teslaPartnerKey(context.repositories.partnerKeys);
      return reply.type('application/x-pem-file').send(publicKeyPem);
    });
  },
};
