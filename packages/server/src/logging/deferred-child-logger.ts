/** @module A child logger made on its first use, for the logger every request carries. */
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, Logger } from 'pino';

type LevelMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Stands for `parent.child(bindings, options)` and makes that child on the first call that needs it.
 * The web framework gives every request a child logger carrying its id, and making a pino child runs
 * the redaction pass over its bindings (several microseconds); most requests never log through it,
 * since the request line has a logger of its own.
 */
export class DeferredChildLogger {
  readonly #parent: Logger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions | undefined;
  #made: Logger | undefined;

  constructor(parent: Logger, bindings: Bindings, options?: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  fatal(...args: unknown[]): void {
    this.#log('fatal', args);
  }

  error(...args: unknown[]): void {
    this.#log('error', args);
  }

  warn(...args: unknown[]): void {
    this.#log('warn', args);
  }

  info(...args: unknown[]): void {
    this.#log('info', args);
  }

  debug(...args: unknown[]): void {
    this.#log('debug', args);
  }

  trace(...args: unknown[]): void {
    this.#log('trace', args);
  }

  silent(): void {
    // Lines logged at `silent` are dropped, as pino drops them.
  }

  get level(): LevelWithSilentOrString {
    return this.#made?.level ?? this.#options?.level ?? this.#parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.#child().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.#child().child(bindings, options);
  }

  #child(): Logger {
    this.#made ??= this.#parent.child(this.#bindings, this.#options);
    return this.#made;
  }

  #log(level: LevelMethod, args: readonly unknown[]): void {
    // A line below the level costs no child: the parent's level is the child's unless options set one.
    if (this.#made === undefined && this.#options?.level === undefined && !this.#parent.isLevelEnabled(level)) return;
    const child = this.#child();
    Reflect.apply(child[level], child, args);
  }
}
