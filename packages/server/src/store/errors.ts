/** @module Engine-neutral errors for constraint violations, so callers need not know SQLite or pg codes. */

/** Which kind of integrity rule a write broke. */
export type ConstraintKind = 'unique' | 'foreign_key';

/** A write broke a unique or foreign-key constraint; `cause` holds the driver's error. */
export class ConstraintViolationError extends Error {
  override readonly name = 'ConstraintViolationError';

  constructor(
    /** What was violated. */
    readonly kind: ConstraintKind,
    /** What the write tried to do, e.g. `applications.client_id`. */
    readonly subject: string,
    options: { cause: unknown },
  ) {
    super(`${kind === 'unique' ? 'Duplicate' : 'Dangling reference in'} ${subject}`, options);
  }
}

const SQLITE_CODES: Readonly<Record<string, ConstraintKind>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
};
/** SQLSTATE codes of PostgreSQL (unique_violation, foreign_key_violation). */
const POSTGRES_CODES: Readonly<Record<string, ConstraintKind>> = { '23505': 'unique', '23503': 'foreign_key' };

/** The constraint kind a driver error reports, or undefined for any other error. */
export function constraintKindOf(error: unknown): ConstraintKind | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  if (typeof code !== 'string') return undefined;
  return SQLITE_CODES[code] ?? POSTGRES_CODES[code];
}

/**
 * Runs a write, translating constraint violations into {@link ConstraintViolationError} and
 * passing any other error through unchanged.
 */
export async function translateConstraintErrors<T>(subject: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const kind = constraintKindOf(error);
    if (kind !== undefined) throw new ConstraintViolationError(kind, subject, { cause: error });
    throw error;
  }
}

/** Whether a driver error is SQLite's "database is locked" (SQLITE_BUSY and its variants). */
export function isBusyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY');
}
