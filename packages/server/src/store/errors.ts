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

/** Which expectation about stored records failed: one is missing, or several stand where one should. */
export type InconsistencyKind = 'missing' | 'duplicate';

/**
 * Stored records contradict each other: a reference whose record is gone (possible when a row was
 * deleted with foreign keys off, as SQLite's own shell does by default, or restored in part), or
 * several records where the rest of the store expects exactly one and no constraint can say so.
 * Carries the ids an operator needs to find and repair the records; clients see none of them.
 */
export class StoreInconsistencyError extends Error {
  override readonly name = 'StoreInconsistencyError';

  constructor(
    readonly kind: InconsistencyKind,
    /** What was expected once, e.g. `the vehicle of a connection`. */
    readonly subject: string,
    /** The ids involved, by what they identify. */
    readonly ids: Readonly<Record<string, string | readonly string[]>>,
  ) {
    super(`${kind === 'missing' ? 'Missing' : 'Several records for'} ${subject}: ${JSON.stringify(ids)}`);
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

/**
 * SQLSTATE classes and codes that mean the database cannot serve Carport right now, rather than that
 * a query was wrong: connection exceptions (08), shutdown or start-up (57P01-57P03), a cancelled or
 * timed-out statement (57014), a missing database (3D000) and a missing table (42P01, the schema was
 * dropped or emptied).
 */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[1-3]|57014|3D000|42P01|53300)$/;
/** Socket-level failures on the way to the database. */
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** pg reports its own timeouts and lost connections by message only. */
const PG_CLIENT_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /^Query read timeout/, /^Client has encountered a connection error/, /^The database store is closed/];

/** Whether a driver error says a table does not exist: the schema was dropped or never migrated. */
export function isMissingSchemaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  return error.code === '42P01' || (error.code === 'SQLITE_ERROR' && message.startsWith('no such table'));
}

/**
 * Whether an error means the database is unreachable, overloaded or missing its schema: the request
 * may succeed when retried later, so it is answered 503 rather than 500.
 */
export function isStoreUnavailableError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const code = 'code' in current && typeof current.code === 'string' ? current.code : undefined;
    const message = 'message' in current && typeof current.message === 'string' ? current.message : '';
    if (code !== undefined && (POSTGRES_UNAVAILABLE.test(code) || NETWORK_CODES.has(code) || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR'))) return true;
    if (isMissingSchemaError(current)) return true;
    if (PG_CLIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}
