import { describe, expect, it } from 'vitest';
import { SimCluster } from '../sim/cluster';
import type { RecordedIntervention } from '../sim/interventions';
import type { ClusterOptions } from '../sim/types';
import { Inspector, inspectMoment, momentOf } from './inspect';

/** A cluster whose interventions are recorded as the live runtime records them. */
function recordingCluster(options: ClusterOptions) {
  const live = new SimCluster(options);
  const recorded: RecordedIntervention[] = [];
  const act = (action: RecordedIntervention['action']) => {
    recorded.push({ pops: live.pops, at: live.now, action });
    live.replay(recorded.at(-1)!);
  };
  return { live, recorded, act };
}

describe('inspecting an earlier moment', () => {
  it('replays to exactly the state the run had then', () => {
    const options = { nodes: 5, seed: 21 };
    const { live, recorded, act } = recordingCluster(options);
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

  it('an Inspector seeks from checkpoints to what a replay from the start shows, as the run goes on', () => {
    const options = { nodes: 5, seed: 8 };
    const { live, recorded, act } = recordingCluster(options);
    const inspector = new Inspector(options);
    const run = () => [{ start: 0, state: [], interventions: [...recorded] }];
    act({ type: 'addClient' });
    for (let i = 0; i < 30; i++) {
      live.run(397);
      act({ type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: String(i) } });
      if (i % 7 === 3) act({ type: 'crash', node: i % 5 });
      if (i % 7 === 5) act({ type: 'restart', node: (i - 2) % 5 });
      // Seek back to a few moments of the run so far, the latest among them.
      for (const at of [live.now, live.now / 2, live.now / 3 + 1.3]) {
        const t = Math.round(at * 10) / 10;
        expect(inspector.moment(run(), t)).toEqual(inspectMoment(options, run(), t));
      }
    }
  });
});
