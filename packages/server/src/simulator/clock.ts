/**
 * @module The simulated clock: real time mapped to simulated time through an anchor (a real instant,
 * the simulated instant it corresponds to, and an acceleration factor). Anchors are stored as
 * fleet-wide interventions so every process agrees on the simulated time, and changing the factor
 * or advancing time re-anchors without ever moving time backwards.
 */

/** Real instant, simulated instant and speed-up: sim(t) = simAnchor + (t - realAnchor) × factor. */
export interface ClockAnchor {
  readonly realAnchor: number;
  readonly simAnchor: number;
  readonly factor: number;
}

/** Maps an injectable real clock to simulated time. */
export class SimulationClock {
  #anchor: ClockAnchor;

  constructor(
    private readonly realNow: () => number,
    anchor: ClockAnchor,
  ) {
    this.#anchor = anchor;
  }

  get anchor(): ClockAnchor {
    return this.#anchor;
  }

  get factor(): number {
    return this.#anchor.factor;
  }

  /** Replaces the anchor (another process advanced the fleet). */
  setAnchor(anchor: ClockAnchor): void {
    this.#anchor = anchor;
  }

  /** The current simulated instant, epoch ms. */
  now(): number {
    return this.simulatedAt(this.realNow());
  }

  /** The simulated instant of a real one. */
  simulatedAt(real: number): number {
    const { realAnchor, simAnchor, factor } = this.#anchor;
    return Math.floor(simAnchor + (real - realAnchor) * factor);
  }

  /** Real milliseconds until simulated time has moved on by `simulatedMs`. */
  realDelay(simulatedMs: number): number {
    return Math.max(0, simulatedMs / this.#anchor.factor);
  }

  /** An anchor that continues from now, optionally advanced by `advanceMs` and at another factor. */
  rebase(options: { advanceMs?: number; factor?: number } = {}): ClockAnchor {
    const real = this.realNow();
    return { realAnchor: real, simAnchor: this.simulatedAt(real) + (options.advanceMs ?? 0), factor: options.factor ?? this.#anchor.factor };
  }
}
