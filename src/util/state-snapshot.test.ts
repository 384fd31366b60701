import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { copyOfState } from './state-copy';
import { Restorer, type Snapshot, Snapshots } from './state-snapshot';

interface State {
  /** Long, of frozen items: kept as shared chunks. */
  readonly log: { readonly n: number }[];
  /** Long, of mutable items (and one that refers back to the state). */
  readonly cells: { v: number; owner?: State }[];
  numbers: number[];
  readonly index: Map<string, number>;
}

function initial(): State {
  const state: State = { log: [], cells: [], numbers: [], index: new Map() };
  for (let i = 0; i < 1500; i++) state.log.push(Object.freeze({ n: i }));
  for (let i = 0; i < 600; i++) state.cells.push({ v: i });
  state.cells[7]!.owner = state;
  return state;
}

/** One random change of the kinds a run makes: appends mostly, rewrites and truncations. */
function change(s: State, rng: Rng): void {
  const r = rng.next();
  if (r < 0.5) for (let k = rng.int(1, 300); k > 0; k--) s.log.push(Object.freeze({ n: -k }));
  else if (r < 0.6) s.log[rng.int(0, s.log.length - 1)] = Object.freeze({ n: 1e6 });
  else if (r < 0.7) s.log.length = rng.int(0, s.log.length);
  else if (r < 0.8) s.cells[rng.int(0, s.cells.length - 1)]!.v += 1;
  else if (r < 0.9) for (let k = 0; k < 700; k++) s.numbers.push(k * r);
  else s.index.set(`k${rng.int(0, 9)}`, r);
}

/** Only what the state holds, cycles left out, for comparing two states. */
function plain(s: State) {
  return {
    log: s.log.map((e) => e.n),
    cells: s.cells.map((c) => [c.v, c.owner === s]),
    numbers: s.numbers.slice(),
    index: [...s.index],
  };
}

describe('snapshots of a growing state', () => {
  it('restore each state as it was, however the state and the restored copies change', () => {
    const rng = new Rng(3);
    const live = initial();
    const snapshots = new Snapshots();
    const taken: { snapshot: Snapshot<State>; was: ReturnType<typeof plain> }[] = [];
    for (let i = 0; i < 60; i++) {
      change(live, rng);
      if (i % 3 === 0) taken.push({ snapshot: snapshots.take(live), was: plain(live) });
    }
    const restorer = new Restorer();
    for (let k = 0; k < 80; k++) {
      const { snapshot, was } = taken[rng.int(0, taken.length - 1)]!;
      const fresh = snapshot.restore();
      expect(plain(fresh)).toEqual(was);
      expect(fresh.cells[7]!.owner).toBe(fresh);
      // A lent copy, changed as a replay would before it is given back and written over.
      const lent = restorer.restore(snapshot);
      expect(plain(lent)).toEqual(was);
      for (let c = 0; c < 5; c++) change(lent, rng);
      restorer.giveBack();
    }
    // The live state never saw any of it.
    expect(plain(copyOfState(live))).toEqual(plain(live));
  });

  it('share the chunks that did not change, and the growing tail', () => {
    // Frozen items only: mutable ones are copied into every snapshot.
    const live = { log: initial().log, clock: 0 };
    const snapshots = new Snapshots();
    const first = snapshots.take(live);
    const same = snapshots.take(live);
    const alone = Snapshots.bytesOf([first]);
    // Unchanged, a snapshot adds only its own objects (the chunks' list, the root).
    expect(same.addedBytes).toBe(same.ownBytes);
    expect(Snapshots.bytesOf([first, same])).toBe(alone + same.ownBytes);
    // Grown by 100 items: it adds them, and one chunk for those past the last full one.
    for (let i = 0; i < 100; i++) live.log.push(Object.freeze({ n: i }));
    const longer = snapshots.take(live);
    expect(longer.addedBytes).toBe(longer.ownBytes + 100 * 8 + 88 + 8);
    expect(Snapshots.bytesOf([first, same, longer])).toBe(
      alone + same.ownBytes + longer.addedBytes,
    );
    expect(first.restore().log.length).toBe(1500);
    expect(longer.restore().log.length).toBe(1600);
  });
});
