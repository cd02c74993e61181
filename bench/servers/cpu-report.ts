/**
 * @module Answers the benchmark's `cpu` question with the CPU time this server has used (user +
 * system, microseconds; a cluster primary adds its workers'). CPU per request holds still when
 * other jobs share the machine, where requests per second do not.
 */
import cluster from 'node:cluster';

/** The question the benchmark sends, and the answer's shape. */
export const cpuQuestion = 'cpu';
export interface CpuAnswer {
  readonly cpuMicros: number;
}

function ownCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

async function workersCpuMicros(): Promise<number> {
  const answers = Object.values(cluster.workers ?? {}).map(
    (worker) =>
      new Promise<number>((resolve) => {
        if (worker === undefined) {
          resolve(0);
          return;
        }
        const listener = (message: unknown): void => {
          if (typeof message !== 'object' || message === null || !('cpuMicros' in message)) return;
          worker.off('message', listener);
          resolve((message as CpuAnswer).cpuMicros);
        };
        worker.on('message', listener);
        worker.send(cpuQuestion);
      }),
  );
  return (await Promise.all(answers)).reduce((sum, micros) => sum + micros, 0);
}

/** Answers `cpu` questions from the parent (or, in a cluster worker, from the primary). */
export function answerCpuQuestions(): void {
  process.on('message', (message) => {
    if (message !== cpuQuestion) return;
    const answer = cluster.isPrimary && Object.keys(cluster.workers ?? {}).length > 0 ? workersCpuMicros().then((micros) => micros + ownCpuMicros()) : Promise.resolve(ownCpuMicros());
    void answer.then((cpuMicros) => process.send?.({ cpuMicros } satisfies CpuAnswer));
  });
}
