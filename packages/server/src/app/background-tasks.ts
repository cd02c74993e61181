/** @module Background work (delivery workers, simulators) that shutdown must drain before the database closes. */

/** A running piece of background work and how to stop it. */
export interface BackgroundTask {
  readonly name: string;
  /** Stops taking new work and resolves once work in progress has finished. */
  stop(): Promise<void>;
}

/** Registry of background tasks; `drain` stops them all, in parallel, exactly once. */
export class BackgroundTasks {
  readonly #tasks: BackgroundTask[] = [];
  #draining: Promise<void> | undefined;

  /** Adds a task; tasks added after draining started are stopped at once. */
  add(task: BackgroundTask): void {
    if (this.#draining !== undefined) {
      void task.stop().catch(() => undefined);
      return;
    }
    this.#tasks.push(task);
  }

  get names(): readonly string[] {
    return this.#tasks.map((task) => task.name);
  }

  /** Stops every task; a task that fails to stop does not keep the others running. */
  drain(): Promise<void> {
    this.#draining ??= Promise.allSettled(this.#tasks.map((task) => task.stop())).then(() => undefined);
    return this.#draining;
  }
}
