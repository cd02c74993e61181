/** @module A start-up failure the person starting Carport can fix, said in one sentence that names what to do. */

/** Printed as is (no stack, no prefix): the message is the whole answer. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
