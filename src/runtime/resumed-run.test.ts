/**
 * A page reload resumes the cluster as a new segment of the run: the nodes start from
 * their durable state at the clock the run's record kept. Replaying that segment in
 * process (same seed, start time, starting state and interventions) gives the live run's
 * trace event for event, so the timeline can show any of its moments.
 */
import { describe, expect, it } from 'vitest';
import type { DurableState } from '../raft/types';
import { SimCluster } from '../sim/cluster';
import type { Intervention, RecordedIntervention } from '../sim/interventions';
import { runScript } from '../sim/script';
import type { ClusterOptions } from '../sim/types';
import { Rng } from '../util/rng';
import { inspectMoment, momentOf } from './inspect';
import { liveCluster } from './testing';

const options: ClusterOptions = { nodes: 5, seed: 31, network: { dropRate: 0.03 } };

/** The first page load: a client writes, then the page goes away at `until`. */
async function firstLoad(until: number): Promise<{ state: DurableState[]; now: number }> {
  const first = liveCluster(options);
  await first.start();
  await first.intervene({ type: 'addClient' });
  await first.intervene({ type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: '1' } });
  await first.runFor(until);
  const state = Array.from({ length: first.size }, (_, id) =>
    first.hostOf(id).inner.storage.load(),
  );
  return { state, now: first.now };
}

describe('a resumed segment of a run', () => {
  it('replays in process to the trace of the live run (same seed, start time, starting state, interventions)', async () => {
    const { state, now: startTime } = await firstLoad(777.25);
    const live = liveCluster(options, { state, startTime });
    await live.start();
    // The reload creates the client again (c1), as the scheduler does.
    await live.intervene({ type: 'addClient' });
    const rng = new Rng(8);
    for (let i = 0; i < 30; i++) {
      await live.runFor(rng.range(5, 90));
      const node = rng.int(0, 4);
      const actions: Intervention[] = [
        { type: 'crash', node },
        { type: 'restart', node },
        {
          type: 'partition',
          groups: [
            [0, 1],
            [2, 3, 4],
          ],
        },
        { type: 'heal' },
        { type: 'kv', client: 'c1', command: { op: 'append', key: 'x', value: `${i};` } },
      ];
      await live.intervene(actions[rng.int(0, actions.length - 1)]!);
    }
    for (let id = 0; id < 5; id++) await live.intervene({ type: 'restart', node: id });
    await live.intervene({ type: 'heal' });
    await live.runFor(1500);

    const replayed = runScript({
      options,
      initialState: state,
      startTime,
      interventions: live.interventions(),
      until: live.now,
    });
    expect(live.trace()[0]!.t).toBe(startTime);
    expect(replayed.trace().length).toBeGreaterThan(1000);
    expect(JSON.stringify(replayed.trace())).toBe(JSON.stringify(live.trace()));
    expect(replayed.kvHistory()).toEqual(live.kvHistory());
    expect(live.violations()).toEqual([]);
    // What the first load wrote is still there, and the resumed run wrote after it.
    expect(live.kvState(live.leader()!).x).toMatch(/^1/);
  });

  it('a moment is replayed from the start of the segment it belongs to; an older one gets a clear error', () => {
    const first = new SimCluster(options);
    const recorded: RecordedIntervention[] = [];
    const act = (c: SimCluster, list: RecordedIntervention[], action: Intervention) => {
      list.push({ pops: c.pops, at: c.now, action });
      c.replay(list.at(-1)!);
    };
    first.run(400);
    act(first, recorded, { type: 'addClient' });
    act(first, recorded, {
      type: 'kv',
      client: 'c1',
      command: { op: 'set', key: 'x', value: '1' },
    });
    first.run(250);
    const then = momentOf(first);
    first.run(300);
    const start = first.now;
    const state = Array.from({ length: 5 }, (_, id) => first.hostOf(id).storage.load());

    const second = new SimCluster(options, state, start);
    const later: RecordedIntervention[] = [];
    act(second, later, { type: 'addClient' });
    second.runUntil(() => second.leader() !== null, 2000);
    act(second, later, { type: 'crash', node: second.leader()! });
    second.run(200);
    const segments = [
      { start: 0, state: [], interventions: recorded },
      { start, state, interventions: later },
    ];

    expect(inspectMoment(options, segments, then.now)).toEqual(then);
    expect(inspectMoment(options, segments, second.now)).toEqual(momentOf(second));
    expect(() => inspectMoment(options, segments.slice(1), then.now)).toThrow(
      `the kept record of this run begins at ${Math.round(start * 10) / 10} ms, and earlier moments are no longer kept`,
    );
  });
});
