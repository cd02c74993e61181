/** @module The live Tesla provider (Fleet API), registered when Carport is configured with a Tesla client. */
export { TeslaFleetProvider, type TeslaProviderOptions, type TeslaProviderStore } from './tesla-provider.js';
export { teslaCapabilities } from './tesla-capabilities.js';
export { teslaScopes, teslaScopesFor } from './tesla-oauth.js';
export type { TeslaStreamingStore } from './telemetry/tesla-streaming.js';
export { pairingUrl } from './virtual-keys.js';
export { PARTNER_PUBLIC_KEY_PATH, partnerRegistration, teslaPartnerKey, type PartnerRegistration } from './partner-key.js';
