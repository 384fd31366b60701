import { describe, expect, it } from 'vitest';
import { SimCluster } from '../sim/cluster';
import type { RecordedIntervention } from '../sim/interventions';
import { inspectMoment, momentOf } from './inspect';

describe('inspecting an earlier moment', () => {
  it('replays to exactly the state the run had then', () => {
    const options = { nodes: 5, seed: 21 };
    const live = new SimCluster(options);
    const recorded: RecordedIntervention[] = [];
    const act = (action: RecordedIntervention['action']) => {
      recorded.push({ pops: live.pops, at: live.now, action });
      live.replay(recorded.at(-1)!);
    };
    live.run(400);
    act({ type: 'addClient' });
    act({ type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: '1' } });
    live.run(137);
    act({ type: 'crash', node: live.leader()! });
    live.run(611);
    const then = momentOf(live);
    act({ type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: '2' } });
    live.run(900);

    const run = [{ start: 0, state: [], interventions: recorded }];
    const moment = inspectMoment(options, run, then.now);
    expect(moment).toEqual(then);
    expect(inspectMoment(options, run, live.now).kv).toEqual(momentOf(live).kv);
  });

  it('starts from the durable state a resumed run began with', () => {
    const first = new SimCluster({ nodes: 3, seed: 5 });
    first.run(500);
    first.submit(first.leader()!, 'kept');
    first.run(200);
    const initial = [0, 1, 2].map((id) => first.hostOf(id).storage.load());
    const moment = inspectMoment(
      { nodes: 3, seed: 6 },
      [{ start: 0, state: initial, interventions: [] }],
      1000,
    );
    expect(moment.logs.every((log) => log.some((e) => e.command === 'kept'))).toBe(true);
    expect(moment.violations).toEqual([]);
  });
});
