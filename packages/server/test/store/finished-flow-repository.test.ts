/** @module Tests of the finished Connect flows: a flow ends once, even under concurrency; a rolled-back end does not count; old marks are forgotten. */
import { expect, it } from 'vitest';
import { describeEachDatabase } from './database-harness.js';
import { createTestClock, repositoriesFor } from './fixtures.js';

const flowId = 'flow-0123456789abcdef';

describeEachDatabase('finished flow repository', (getStore, context) => {
  it('ends a flow once', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const forgetAfter = new Date(clock().getTime() + 60_000);
    expect(await repositories.finishedFlows.isFinished(flowId)).toBe(false);
    expect(await repositories.finishedFlows.finish(flowId, forgetAfter)).toBe(true);
    expect(await repositories.finishedFlows.isFinished(flowId)).toBe(true);
    expect(await repositories.finishedFlows.finish(flowId, forgetAfter)).toBe(false);
    expect(await getStore().db.selectFrom('finished_connect_flows').selectAll().execute()).toEqual([{ flow_id: flowId, forget_after: '2026-11-22T02:25:42.000Z' }]);
  });

  it('lets exactly one of concurrent callers end a flow, across processes', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const second = context.dialect === 'postgres' ? repositoriesFor(await context.openAnother(), clock) : repositories;
    const forgetAfter = new Date(clock().getTime() + 60_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? repositories : second).transaction((store) => store.finishedFlows.finish(flowId, forgetAfter))),
    );
    expect(results.filter((ended) => ended)).toHaveLength(1);
  });

  it('does not count an end whose transaction rolled back', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    const failed = repositories.transaction(async (store) => {
      expect(await store.finishedFlows.finish(flowId, new Date(clock().getTime() + 60_000))).toBe(true);
      throw new Error('the consent failed to commit');
    });
    await expect(failed).rejects.toThrow('the consent failed to commit');
    expect(await repositories.finishedFlows.isFinished(flowId)).toBe(false);
  });

  it('forgets a finished flow once its cookie can no longer arrive', async () => {
    const clock = createTestClock();
    const repositories = repositoriesFor(getStore(), clock);
    await repositories.finishedFlows.finish(flowId, new Date(clock().getTime() + 60_000));
    clock.advance(60_000);
    await repositories.finishedFlows.finish('another-flow-0123456789', new Date(clock().getTime() + 60_000));
    expect(await repositories.finishedFlows.isFinished(flowId)).toBe(true);
    clock.advance(1);
    await repositories.finishedFlows.finish('a-third-flow-0123456789', new Date(clock().getTime() + 60_000));
    expect(await repositories.finishedFlows.isFinished(flowId)).toBe(false);
  });
});
