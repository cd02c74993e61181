/** @module The official `smartcar` SDK's webhook helpers, typed (the package ships no declarations). */
import { createRequire } from 'node:module';

/** The two helpers receivers use: the challenge answer and the payload check. */
export interface OfficialWebhookHelpers {
  hashChallenge(managementToken: string, challenge: string): string;
  verifyPayload(managementToken: string, signature: string, body: unknown): boolean;
}

/*
 * Loaded through `require` with a local type rather than `import smartcar from 'smartcar'`: an
 * ambient `declare module 'smartcar'` would be global to the package and could clash with another
 * declaration of the same module elsewhere. The object is the SDK's own default export.
 */
const load = createRequire(import.meta.url);

/** The SDK's default export (`smartcar.hashChallenge`, `smartcar.verifyPayload`). */
export const smartcar = load('smartcar') as OfficialWebhookHelpers;
