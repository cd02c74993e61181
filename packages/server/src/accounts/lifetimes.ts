/** @module How long the dashboard's sessions and one-time links live. */
import type { SessionLifetimes } from '../store/index.js';

/** Idle for 2 hours or 12 hours after sign-in, whichever comes first, a session ends. */
export const dashboardSessionLifetimes: SessionLifetimes = { idleSeconds: 2 * 60 * 60, absoluteSeconds: 12 * 60 * 60 };

/** A session between password and second factor: just long enough to open an app and type a code. */
export const mfaPendingLifetimes: SessionLifetimes = { idleSeconds: 5 * 60, absoluteSeconds: 5 * 60 };

export const PASSWORD_RESET_TTL_SECONDS = 60 * 60;
/** An operator's first-password link: long enough to reach someone across time zones. */
export const FIRST_PASSWORD_TTL_SECONDS = 3 * 24 * 60 * 60;
export const INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;
