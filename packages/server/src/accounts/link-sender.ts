/**
 * @module How one-time links (password reset, first password, team invitation) reach a person. The
 * dashboard hands each link to a sender; the one built in writes it to the log, which is what a
 * development install reads. A deployment with mail plugs in its own sender.
 */
import type { Logger } from 'pino';

/** What a link is for, so a sender can word the message. */
export type AccountLinkPurpose = 'password-reset' | 'first-password' | 'team-invitation';

export interface AccountLinkMessage {
  readonly to: string;
  readonly purpose: AccountLinkPurpose;
  readonly link: string;
}

/** Delivers one-time links. */
export interface AccountLinkSender {
  send(message: AccountLinkMessage): Promise<void>;
}

/** Writes each link to the log at info level (development; the link grants what it names, so never use it in production logs). */
export function logLinkSender(logger: Logger): AccountLinkSender {
  return {
    send(message) {
      logger.info({ to: message.to, purpose: message.purpose, link: message.link }, `account link for ${message.to} (${message.purpose}): ${message.link}`);
      return Promise.resolve();
    },
  };
}
