import { describe, expect, it } from 'vitest';
import { momentOf } from '../runtime/inspect';
import { Rng } from '../util/rng';
import { StateCopyError } from '../util/state-copy';
import { Timeline } from './checkpoints';
import { SimCluster } from './cluster';
import type { RecordedIntervention } from './interventions';
import { runScript } from './script';

const options = { nodes: 5, seed: 11, traceEventsMax: 0 };
const until = 8_000;

/** A client writing all along, with a crash, a restart, a partition and a heal. */
function interventions(): RecordedIntervention[] {
  const recs: RecordedIntervention[] = [{ at: 1, action: { type: 'addClient' } }];
  for (let t = 300, i = 0; t < until; t += 10, i++)
    recs.push({
      at: t,
      action: {
        type: 'kv',
        client: 'c1',
        command: { op: 'append', key: `k${i % 3}`, value: `${i}` },
      },
    });
  recs.push({ at: 2_000.5, action: { type: 'crash', node: 0 } });
  recs.push({ at: 3_100.5, action: { type: 'restart', node: 0 } });
  recs.push({
    at: 6_000.5,
    action: {
      type: 'partition',
      groups: [
        [0, 1],
        [2, 3, 4],
      ],
    },
  });
  recs.push({ at: 6_500.5, action: { type: 'heal' } });
  return recs.sort((a, b) => a.at - b.at);
}

describe('seeking from checkpoints', () => {
  it('shows 200 random moments exactly as a replay from the start does', () => {
    const recs = interventions();
    const timeline = new Timeline(
      { options },
      { stepMs: 100, eventsApart: 400, checkpointsMax: 8 },
    );
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const t = Math.round(rng.next() * until * 10) / 10;
      const replayed = runScript({
        options,
        interventions: recs.filter((r) => r.at < t),
        until: t,
      });
      const expected = {
        pops: replayed.pops,
        moment: momentOf(replayed),
        history: replayed.kvHistory(),
      };
      const seen = (c: SimCluster) => ({
        pops: c.pops,
        moment: momentOf(c),
        history: c.kvHistory(),
      });
      // A cluster of its own, and one lent (whose long arrays the next look writes over).
      if (i % 2 === 0) expect({ t, ...seen(timeline.at(t, recs)) }).toEqual({ t, ...expected });
      else expect({ t, ...timeline.look(t, recs, seen) }).toEqual({ t, ...expected });
    }
    // Seeks came from checkpoints along the run, thinned to the bound.
    expect(timeline.size).toBeGreaterThan(4);
    expect(timeline.size).toBeLessThanOrEqual(8);
  }, 30_000);

  it('a copy runs on independently of its original', () => {
    const c = runScript({ options, interventions: interventions().slice(0, 40), until: 2_000 });
    const copy = c.fork();
    c.run(1_000);
    expect(copy.now).toBe(2_000);
    copy.run(1_000);
    expect(momentOf(copy)).toEqual(momentOf(c));
  });

  it('says where the state holds code it cannot copy', () => {
    const c = new SimCluster(options);
    c.schedule(10, () => {});
    expect(() => c.fork()).toThrow(StateCopyError);
    expect(() => c.fork()).toThrow(/is a function/);
  });
});
