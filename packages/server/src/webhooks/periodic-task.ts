/** @module Runs async work every interval, never overlapping itself, and stops cleanly (waiting for a run in progress). */
import type { Logger } from 'pino';

/** A started periodic task. */
export interface PeriodicTask {
  /** Stops scheduling runs and resolves after the run in progress, if any. */
  stop(): Promise<void>;
}

/** Runs `work` now and then every `intervalMs` after each run ends; a failing run is logged and the next one still comes. */
export function startPeriodic(name: string, work: () => Promise<unknown>, intervalMs: number, logger: Logger): PeriodicTask {
  let running = true;
  let cancelWait: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      try {
        await work();
      } catch (error) {
        logger.error({ err: error, task: name }, 'periodic task failed; it runs again after its interval');
      }
      if (!running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, intervalMs);
        function done(): void {
          clearTimeout(timer);
          cancelWait = undefined;
          resolve();
        }
        cancelWait = done;
      });
    }
  })();
  return {
    async stop() {
      running = false;
      cancelWait?.();
      await loop;
    },
  };
}
