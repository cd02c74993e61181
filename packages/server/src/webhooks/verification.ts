/** @module Callback verification: POST a challenge, expect `{"challenge": hex HMAC-SHA256(management token, challenge)}`; until then nothing is delivered. */
import { randomBytes } from 'node:crypto';
import type { Repositories, WebhookRecord } from '../store/index.js';
import type { CallbackSender } from './callback-sender.js';
import { serializeBody, verifyBody } from './delivery-body.js';
import { acceptedKeys, bodySigningKey, hexEqual, hmacHex, SIGNATURE_HEADER, signBody } from './signing.js';

/** What verification needs. */
export interface VerificationDeps {
  readonly repositories: Pick<Repositories, 'applications' | 'webhooks' | 'lifecycle'>;
  readonly sender: CallbackSender;
}

function challengeIn(responseBody: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(responseBody);
    if (typeof parsed !== 'object' || parsed === null || !('challenge' in parsed)) return undefined;
    return typeof parsed.challenge === 'string' ? parsed.challenge : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why an answer does not verify, or null when it does. Reasons are written for the developer who
 * reads them on the webhook: what came back and what was expected.
 */
function refusalOf(outcome: { statusCode: number | null; error: string | null; responseBody: string }, expected: readonly string[]): string | null {
  if (outcome.statusCode === null) return `The verification request failed: ${outcome.error ?? 'no response'}.`;
  if (outcome.statusCode !== 200) {
    const detail = outcome.error === null ? '' : ` (${outcome.error})`;
    return `The callback answered HTTP ${outcome.statusCode}${detail}; verification needs 200 with {"challenge": "<hex HMAC-SHA256(management token, challenge)>"}.`;
  }
  if (outcome.error !== null) return `The verification request failed: ${outcome.error}.`;
  const answer = challengeIn(outcome.responseBody);
  if (answer === undefined) {
    // Never the body itself: quoting it would turn verification into a way to read any URL Carport can reach.
    return `The callback answered 200 with a ${Buffer.byteLength(outcome.responseBody)}-byte body that is not JSON {"challenge": "..."}.`;
  }
  if (!expected.some((candidate) => hexEqual(answer.toLowerCase(), candidate))) {
    return 'The callback answered a challenge that is not hex HMAC-SHA256(application management token, challenge).';
  }
  return null;
}

/**
 * Sends the challenge to the webhook's callback URL and records the outcome on the webhook
 * (`verifiedAt`, or `verificationError` saying why not). Resolves with the updated webhook. During
 * a management token rotation's grace window an answer keyed with either token verifies: the
 * receiver may not have switched yet, or may have already.
 */
export async function verifyWebhook(deps: VerificationDeps, webhook: WebhookRecord): Promise<WebhookRecord> {
  const keys = await deps.repositories.applications.revealSigningKeys(webhook.applicationId);
  if (keys === null) throw new Error(`application ${webhook.applicationId} of webhook ${webhook.id} has no management token`);
  const challenge = randomBytes(24).toString('hex');
  const body = serializeBody(verifyBody(webhook.id, challenge));
  const outcome = await deps.sender.post({ url: webhook.callbackUrl, mode: webhook.mode, body, headers: { [SIGNATURE_HEADER]: signBody(bodySigningKey(keys), body) } });
  const refusal = refusalOf(outcome, acceptedKeys(keys).map((key) => hmacHex(key, challenge)));
  // The URL changed while the challenge was in flight: this answer says nothing about the new one.
  const current = await deps.repositories.webhooks.findById(webhook.id);
  if (current === null || current.callbackUrl !== webhook.callbackUrl) return current ?? webhook;
  const updated = refusal === null ? await deps.repositories.webhooks.markVerified(webhook.id) : await deps.repositories.webhooks.markVerificationFailed(webhook.id, refusal);
  if (refusal === null) await deps.repositories.lifecycle.observe(webhook.applicationId, 'webhook_verified');
  // Deleted while the challenge was in flight: report what was sent against.
  return updated ?? webhook;
}
