import 'fake-indexeddb/auto';
import { createStore, set } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../raft/types';
import { databaseName, IdbStorage } from './idb-storage';
import { WriteBatch } from './write-batch';

let dbCounter = 0;
const freshDb = () => databaseName(`test-${++dbCounter}`, 0);
const e = (index: number, term: number): Entry => ({
  index,
  term,
  command: { op: 'set', key: `k${index}` },
});

function batch(opts: {
  term?: number;
  votedFor?: number | null;
  truncateFrom?: number;
  append?: Entry[];
}): WriteBatch {
  const b = new WriteBatch();
  b.add(
    {
      hardState:
        opts.term === undefined ? null : { term: opts.term, votedFor: opts.votedFor ?? null },
      truncateFrom: opts.truncateFrom ?? null,
      append: opts.append ?? [],
    },
    1,
  );
  return b;
}

describe('IndexedDB storage of one node', () => {
  it('a fresh database loads as term 0, no vote, empty log', async () => {
    const { state, problem } = await IdbStorage.open(freshDb());
    expect(problem).toBeNull();
    expect(state).toEqual({ hardState: { term: 0, votedFor: null }, log: [] });
  });

  it('term, vote and log survive reopening; truncation and append land in one write', async () => {
    const db = freshDb();
    const { storage } = await IdbStorage.open(db);
    await storage.write(batch({ term: 2, votedFor: 1, append: [e(1, 1), e(2, 1), e(3, 2)] }));
    await storage.write(batch({ term: 3, votedFor: null, truncateFrom: 2, append: [e(2, 3)] }));
    const reopened = await IdbStorage.open(db);
    expect(reopened.problem).toBeNull();
    expect(reopened.state.hardState).toEqual({ term: 3, votedFor: null });
    expect(reopened.state.log.map((x) => [x.index, x.term])).toEqual([
      [1, 1],
      [2, 3],
    ]);
  });

  it('a record of an unknown format version is reported and the node starts clean', async () => {
    const db = freshDb();
    await set('meta', { version: 99, term: 5, votedFor: 1, lastIndex: 0 }, createStore(db, 'raft'));
    const { state, problem } = await IdbStorage.open(db);
    expect(problem).toMatch(/format version is 99/);
    expect(state.log).toEqual([]);
    expect((await IdbStorage.open(db)).problem).toBeNull();
  });

  it('a log with a hole is reported as corrupted', async () => {
    const db = freshDb();
    const store = createStore(db, 'raft');
    await set('meta', { version: 2, term: 1, votedFor: null, lastIndex: 3 }, store);
    await set(1, { from: 1, entries: [e(1, 1)] }, store);
    await set(3, { from: 3, entries: [e(3, 1)] }, store);
    const { problem } = await IdbStorage.open(db);
    expect(problem).toMatch(/the log chunk after entry 1 is malformed/);
  });

  it('a truncation inside a chunk rewrites it shorter; many writes reload to the same log', async () => {
    const db = freshDb();
    const { storage } = await IdbStorage.open(db);
    const expected: Entry[] = [];
    let term = 1;
    for (let round = 0; round < 20; round++) {
      const cut = round % 3 === 2 ? Math.max(1, expected.length - 3) : null;
      if (cut !== null) expected.length = cut - 1;
      if (cut !== null) term++;
      const append = Array.from({ length: (round % 4) + 1 }, (_, i) =>
        e(expected.length + i + 1, term),
      );
      expected.push(...append);
      await storage.write(batch({ term, ...(cut === null ? {} : { truncateFrom: cut }), append }));
      const reopened = await IdbStorage.open(db);
      expect(reopened.problem).toBeNull();
      expect(reopened.state.log.map((x) => [x.index, x.term])).toEqual(
        expected.map((x) => [x.index, x.term]),
      );
    }
  });

  it('injected faults fail the way real ones do', async () => {
    await expect(IdbStorage.open(freshDb(), 'unavailable')).rejects.toThrow(
      /IndexedDB is not available/,
    );
    const { storage } = await IdbStorage.open(freshDb(), 'quota');
    await expect(storage.write(batch({ term: 1 }))).rejects.toThrow(/QuotaExceededError/);
    const corrupt = await IdbStorage.open(freshDb(), 'corrupt');
    expect(corrupt.problem).toMatch(/meta record is not an object/);
  });
});
