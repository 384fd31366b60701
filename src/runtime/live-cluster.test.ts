/**
 * The asynchronous harness gives the same trace as the synchronous one: hosts that answer
 * with promises and persist in the background change wall-clock timing, never the run.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../sim/script';
import type { ClusterOptions } from '../sim/types';
import { Rng } from '../util/rng';
import { liveCluster } from './testing';

describe('the asynchronous harness', () => {
  it('gives the same trace as the synchronous one for the same seed and interventions', async () => {
    const options: ClusterOptions = {
      nodes: 5,
      seed: 77,
      network: { dropRate: 0.05, duplicateRate: 0.05 },
    };
    const live = liveCluster(options);
    await live.start();
    const rng = new Rng(5);
    await live.intervene({ type: 'addClient' });
    for (let i = 0; i < 40; i++) {
      await live.runFor(rng.range(5, 120));
      const node = rng.int(0, 4);
      const pick = rng.int(0, 5);
      if (pick === 0) await live.intervene({ type: 'crash', node });
      else if (pick === 1) await live.intervene({ type: 'restart', node });
      else if (pick === 2)
        await live.intervene({
          type: 'partition',
          groups: [
            [0, 1],
            [2, 3, 4],
          ],
        });
      else if (pick === 3) await live.intervene({ type: 'heal' });
      else if (pick === 4)
        await live.intervene({
          type: 'kv',
          client: 'c1',
          command: { op: 'append', key: 'x', value: `${i};` },
        });
      else await live.stepOnce();
    }
    for (let id = 0; id < 5; id++) await live.intervene({ type: 'restart', node: id });
    await live.intervene({ type: 'heal' });
    await live.runFor(2000);

    const replayed = runScript({ options, interventions: live.interventions(), until: live.now });
    expect(replayed.trace().length).toBeGreaterThan(1000);
    expect(JSON.stringify(live.trace())).toBe(JSON.stringify(replayed.trace()));
    expect(live.kvHistory()).toEqual(replayed.kvHistory());
    expect(live.violations()).toEqual([]);
  });

  it('messages a node sent just before it crashed still leave after it restarts at once', async () => {
    const live = liveCluster({ nodes: 3, seed: 11 });
    await live.start();
    await live.runUntil(() => live.leader() !== null, 2000);
    for (let round = 0; round < 20; round++) {
      const leader = live.leader();
      await live.runUntil(() => live.inFlight().some((m) => m.from === leader), 500);
      if (leader === null) continue;
      await live.intervene({ type: 'crash', node: leader });
      await live.intervene({ type: 'restart', node: leader });
      await live.runFor(400);
    }
    expect(live.trace().filter((e) => e.kind === 'crash')).toHaveLength(20);
    expect(live.violations()).toEqual([]);
  });

  it('runUntil and stepOnce behave like their synchronous twins', async () => {
    const live = liveCluster({ nodes: 3, seed: 3 });
    await live.start();
    expect(await live.runUntil(() => live.leader() !== null, 2000)).toBe(true);
    const leader = live.leader()!;
    expect(await live.stepOnce()).toBe(true);
    expect(await live.intervene({ type: 'submit', node: leader, command: 'x' })).toMatchObject({
      accepted: true,
    });
    await live.runFor(100);
    expect(live.node(leader).commitIndex).toBeGreaterThanOrEqual(2);
  });

  it('a bad intervention is refused with a clear error and the cluster goes on', async () => {
    const live = liveCluster({ nodes: 3, seed: 4 });
    await live.start();
    await expect(live.intervene({ type: 'crash', node: 7 })).rejects.toThrow(/no node 7/);
    await expect(
      live.intervene({ type: 'kv', client: 'c9', command: { op: 'get', key: 'x' } }),
    ).rejects.toThrow(/no KV client c9/);
    expect(live.interventions()).toEqual([]);
    expect(await live.runUntil(() => live.leader() !== null, 2000)).toBe(true);
  });
});
