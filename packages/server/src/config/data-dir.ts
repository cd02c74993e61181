/**
 * @module Where Carport keeps its data: one answer for the server and the CLI, whichever directory
 * they run from, so `npm start` at the top of the checkout and `npx carport apps list` in a
 * subdirectory open the same database.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The `name` of the checkout's root package.json, which marks the top of a Carport checkout. */
const CHECKOUT_MANIFEST_NAME = 'carport-monorepo';

function isCheckoutRoot(directory: string): boolean {
  const manifest = join(directory, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === CHECKOUT_MANIFEST_NAME;
  } catch {
    return false;
  }
}

/**
 * The top of the Carport checkout this code was loaded from (from source or from `dist`), or
 * undefined when Carport runs from somewhere else.
 */
export function carportCheckout(from: string = import.meta.dirname): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    if (isCheckoutRoot(directory)) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

/**
 * The absolute data directory. An explicit CARPORT_DATA_DIR is taken from the working directory, as
 * any path typed on a command line; unset, it is `data` at the top of the Carport checkout (or
 * `./data` when Carport does not run from a checkout), never a directory that depends on where the
 * command was typed.
 */
export function resolveDataDir(explicit: string | undefined, workingDirectory: string = process.cwd()): string {
  if (explicit !== undefined) return resolve(workingDirectory, explicit);
  const checkout = carportCheckout();
  return checkout === undefined ? resolve(workingDirectory, 'data') : join(checkout, 'data');
}
