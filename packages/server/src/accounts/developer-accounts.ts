/**
 * @module The accounts layer of the dashboard: sign-up, sign-in with an optional second factor,
 * password changes and reset links, operator accounts and team invitations. Knows nothing of HTTP;
 * the dashboard's routes and the CLI call it.
 */
import type { TeamRole } from '../catalog/team-roles.js';
import { SignInThrottle } from '../connect/sign-in-throttle.js';
import { ConstraintViolationError, type DeveloperAccountRecord, type Repositories, type TeamRecord } from '../store/index.js';
import { emailProblem, normalizeEmail } from './email.js';
import { FIRST_PASSWORD_TTL_SECONDS, INVITATION_TTL_SECONDS, PASSWORD_RESET_TTL_SECONDS } from './lifetimes.js';
import type { AccountLinkSender } from './link-sender.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { passwordProblem } from './password-policy.js';
import { generateRecoveryCodes, looksLikeRecoveryCode, recoveryCodeHash } from './recovery-codes.js';
import { newTotpSecret, totpCodeMatches, totpUri } from './totp.js';

/** Problems with a submitted form, by field name, in the order the form shows them. */
export type FieldProblems = Readonly<Partial<Record<string, string>>>;

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: FieldProblems };

export type SignInOutcome =
  | { readonly kind: 'signed-in'; readonly account: DeveloperAccountRecord }
  | { readonly kind: 'second-factor-due'; readonly account: DeveloperAccountRecord }
  | { readonly kind: 'refused' }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number };

export interface DeveloperAccountsDeps {
  readonly repositories: Repositories;
  /** Where links point: the public URL with its path prefix. */
  readonly publicUrl: string;
  readonly sender: AccountLinkSender;
  readonly now: () => Date;
  /** Failed sign-ins per account and per address; one per process. */
  readonly throttle?: SignInThrottle;
}

function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

function refused(problems: FieldProblems): Outcome<never> {
  return { ok: false, problems };
}

export class DeveloperAccounts {
  readonly #repositories: Repositories;
  readonly #publicUrl: string;
  readonly #sender: AccountLinkSender;
  readonly #now: () => Date;
  readonly #throttle: SignInThrottle;

  constructor(deps: DeveloperAccountsDeps) {
    this.#repositories = deps.repositories;
    this.#publicUrl = deps.publicUrl.replace(/\/+$/, '');
    this.#sender = deps.sender;
    this.#now = deps.now;
    this.#throttle = deps.throttle ?? new SignInThrottle();
  }

  /** The dashboard link of a one-time token. */
  linkTo(path: 'reset-password' | 'invitations', token: string): string {
    return `${this.#publicUrl}/dashboard/${path}/${encodeURIComponent(token)}`;
  }

  /**
   * Creates an account and either a team it owns (named `teamName`) or, with an invitation for the
   * same email, a membership of the inviting team.
   */
  async signUp(input: { readonly email: string; readonly password: string; readonly teamName: string; readonly invitationToken?: string }): Promise<Outcome<{ account: DeveloperAccountRecord; team: TeamRecord }>> {
    const email = normalizeEmail(input.email);
    const invitation = input.invitationToken === undefined ? null : await this.#repositories.teams.findInvitation(input.invitationToken);
    if (input.invitationToken !== undefined && invitation === null) return refused({ email: 'This invitation has expired or was already used. Ask for a new one.' });
    const teamName = input.teamName.trim();
    const problems: Record<string, string> = {};
    const emailIssue = emailProblem(email) ?? (invitation !== null && invitation.email !== email ? `This invitation is for ${invitation.email}.` : undefined);
    if (emailIssue !== undefined) problems.email = emailIssue;
    const passwordIssue = passwordProblem(input.password, email);
    if (passwordIssue !== undefined) problems.password = passwordIssue;
    if (invitation === null && (teamName === '' || teamName.length > 100)) problems.teamName = 'Name your team (1 to 100 characters).';
    if (Object.keys(problems).length > 0) return refused(problems);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.#repositories.transaction(async (repositories) => {
        const account = await repositories.developerAccounts.create({ email, passwordHash });
        if (input.invitationToken !== undefined) {
          const team = await repositories.teams.acceptInvitation(input.invitationToken, account.id);
          if (team === null) throw new InvitationSpentError();
          return ok({ account, team });
        }
        return ok({ account, team: await repositories.teams.create(teamName, account.id) });
      });
    } catch (error) {
      if (error instanceof ConstraintViolationError && error.kind === 'unique') return refused({ email: 'An account with this email exists. Sign in, or reset its password.' });
      if (error instanceof InvitationSpentError) return refused({ email: 'This invitation has expired or was already used. Ask for a new one.' });
      throw error;
    }
  }

  /** Checks email and password, throttled per account and per client address. */
  async signIn(rawEmail: string, password: string, address: string): Promise<SignInOutcome> {
    const email = normalizeEmail(rawEmail);
    const waitMs = this.#throttle.waitMs(email, address, this.#now());
    if (waitMs > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) };
    const account = await this.#repositories.developerAccounts.findByEmail(email);
    const storedHash = account === null ? null : await this.#repositories.developerAccounts.passwordHashOf(account.id);
    if (account === null || !(await verifyPassword(storedHash, password))) {
      this.#throttle.recordFailure(email, address, this.#now());
      return { kind: 'refused' };
    }
    this.#throttle.recordSuccess(email);
    return account.mfaEnabledAt === null ? { kind: 'signed-in', account } : { kind: 'second-factor-due', account };
  }

  /** Checks a TOTP code or spends a recovery code of an account with the second factor on; throttled like passwords. */
  async checkSecondFactor(account: DeveloperAccountRecord, code: string, address: string): Promise<'accepted' | 'refused' | { readonly retryAfterSeconds: number }> {
    const waitMs = this.#throttle.waitMs(account.email, address, this.#now());
    if (waitMs > 0) return { retryAfterSeconds: Math.ceil(waitMs / 1000) };
    const secret = await this.#repositories.developerAccounts.revealTotpSecret(account.id);
    const accepted =
      secret !== null &&
      (totpCodeMatches(secret, code, this.#now()) || (looksLikeRecoveryCode(code) && (await this.#repositories.developerAccounts.useRecoveryCode(account.id, recoveryCodeHash(code)))));
    if (!accepted) {
      this.#throttle.recordFailure(account.email, address, this.#now());
      return 'refused';
    }
    this.#throttle.recordSuccess(account.email);
    return 'accepted';
  }

  /** Starts enrolment: a new secret, stored but not enabled until a code from it is verified. */
  async startMfaEnrolment(account: DeveloperAccountRecord): Promise<{ readonly secret: string; readonly uri: string }> {
    const secret = newTotpSecret();
    await this.#repositories.developerAccounts.setPendingTotpSecret(account.id, secret);
    return { secret, uri: totpUri(secret, account.email) };
  }

  /** The pending enrolment's secret and URI (to show again after a wrong code), or null when none is pending. */
  async pendingEnrolment(account: DeveloperAccountRecord): Promise<{ readonly secret: string; readonly uri: string } | null> {
    if (account.mfaEnabledAt !== null) return null;
    const secret = await this.#repositories.developerAccounts.revealTotpSecret(account.id);
    return secret === null ? null : { secret, uri: totpUri(secret, account.email) };
  }

  /** Enables the second factor once a code from the pending secret matches; the recovery codes, shown once. */
  async confirmMfa(account: DeveloperAccountRecord, code: string): Promise<Outcome<readonly string[]>> {
    const secret = await this.#repositories.developerAccounts.revealTotpSecret(account.id);
    if (secret === null) return refused({ code: 'Start the set-up again: no authenticator is being added.' });
    if (!totpCodeMatches(secret, code, this.#now())) return refused({ code: 'That code does not match. Enter the 6-digit code your app shows now.' });
    const codes = generateRecoveryCodes();
    await this.#repositories.developerAccounts.enableMfa(account.id, codes.map(recoveryCodeHash));
    return ok(codes);
  }

  /** Turns the second factor off after the password is confirmed. */
  async disableMfa(account: DeveloperAccountRecord, password: string): Promise<Outcome<null>> {
    if (!(await verifyPassword(await this.#repositories.developerAccounts.passwordHashOf(account.id), password))) return refused({ password: 'That is not your current password.' });
    await this.#repositories.developerAccounts.disableMfa(account.id);
    return ok(null);
  }

  /** Changes the password and ends the account's other sessions. */
  async changePassword(account: DeveloperAccountRecord, current: string, next: string, keepSessionId: string): Promise<Outcome<null>> {
    if (!(await verifyPassword(await this.#repositories.developerAccounts.passwordHashOf(account.id), current))) return refused({ currentPassword: 'That is not your current password.' });
    const problem = passwordProblem(next, account.email);
    if (problem !== undefined) return refused({ newPassword: problem });
    await this.#repositories.developerAccounts.setPassword(account.id, await hashPassword(next));
    await this.#repositories.dashboardSessions.endAllOf(account.id, keepSessionId);
    return ok(null);
  }

  /**
   * Sends a reset link when an account has this email; says nothing either way, so the form does
   * not reveal which addresses have accounts.
   */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    const account = await this.#repositories.developerAccounts.findByEmail(normalizeEmail(rawEmail));
    if (account === null) return;
    const token = await this.#repositories.developerAccounts.issuePasswordResetToken(account.id, PASSWORD_RESET_TTL_SECONDS);
    await this.#sender.send({ to: account.email, purpose: 'password-reset', link: this.linkTo('reset-password', token) });
  }

  /** A reset link for an existing account, for an operator at the console; null when no account has the email. */
  async resetLinkFor(rawEmail: string): Promise<string | null> {
    const account = await this.#repositories.developerAccounts.findByEmail(normalizeEmail(rawEmail));
    if (account === null) return null;
    return this.linkTo('reset-password', await this.#repositories.developerAccounts.issuePasswordResetToken(account.id, PASSWORD_RESET_TTL_SECONDS));
  }

  /** Sets a new password through a reset link (spending it) and ends every session of the account. */
  async resetPassword(token: string, password: string): Promise<Outcome<DeveloperAccountRecord>> {
    const accountId = await this.#repositories.transaction(async (repositories) => {
      const id = await repositories.developerAccounts.consumePasswordResetToken(token);
      if (id === null) return null;
      const account = await repositories.developerAccounts.findById(id);
      const problem = account === null ? 'This link is no longer valid.' : passwordProblem(password, account.email);
      // A refused password leaves the link usable: the transaction rolls the spending back.
      if (problem !== undefined) throw new PasswordRefusedError(problem);
      await repositories.developerAccounts.setPassword(id, await hashPassword(password));
      await repositories.dashboardSessions.endAllOf(id);
      return id;
    }).catch((error: unknown) => {
      if (error instanceof PasswordRefusedError) return error;
      throw error;
    });
    if (accountId instanceof PasswordRefusedError) return refused({ password: accountId.message });
    const account = accountId === null ? null : await this.#repositories.developerAccounts.findById(accountId);
    if (account === null) return refused({ token: 'This link has expired or was already used. Ask for a new one.' });
    return ok(account);
  }

  /**
   * Creates an operator account without a password (or flags an existing account as operator) and
   * returns a one-time link to set the password.
   */
  async createOperator(rawEmail: string): Promise<Outcome<{ readonly account: DeveloperAccountRecord; readonly link: string; readonly created: boolean }>> {
    const email = normalizeEmail(rawEmail);
    const problem = emailProblem(email);
    if (problem !== undefined) return refused({ email: problem });
    const existing = await this.#repositories.developerAccounts.findByEmail(email);
    if (existing !== null) await this.#repositories.developerAccounts.setOperator(existing.id, true);
    const account = existing ?? (await this.#repositories.developerAccounts.create({ email, passwordHash: null, isOperator: true }));
    const token = await this.#repositories.developerAccounts.issuePasswordResetToken(account.id, FIRST_PASSWORD_TTL_SECONDS);
    const link = this.linkTo('reset-password', token);
    await this.#sender.send({ to: email, purpose: 'first-password', link });
    return ok({ account: { ...account, isOperator: true }, link, created: existing === null });
  }

  /** Invites an email to a team with a role; the invitation link, also handed to the sender. */
  async invite(input: { readonly teamId: string; readonly email: string; readonly role: TeamRole; readonly invitedBy: string }): Promise<Outcome<string>> {
    const email = normalizeEmail(input.email);
    const problem = emailProblem(email);
    if (problem !== undefined) return refused({ email: problem });
    const token = await this.#repositories.teams.invite({ teamId: input.teamId, email, role: input.role, invitedBy: input.invitedBy, ttlSeconds: INVITATION_TTL_SECONDS });
    const link = this.linkTo('invitations', token);
    await this.#sender.send({ to: email, purpose: 'team-invitation', link });
    return ok(link);
  }
}

/** An invitation spent between reading it and accepting it (a concurrent sign-up). */
class InvitationSpentError extends Error {}

class PasswordRefusedError extends Error {}
