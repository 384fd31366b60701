import { describe, expect, it } from 'vitest';
import type { Entry } from '../raft/types';
import { MemoryStorage } from '../sim/memory-storage';
import { WriteBatch } from './write-batch';

const e = (index: number, term: number): Entry => ({ index, term, command: `${index}/${term}` });
const ops = (opts: { append?: Entry[]; truncateFrom?: number; term?: number }) => ({
  hardState: opts.term === undefined ? null : { term: opts.term, votedFor: null },
  truncateFrom: opts.truncateFrom ?? null,
  append: opts.append ?? [],
});

describe('group commit: merging steps into one write', () => {
  it('gives the same stored state as writing each step in turn', () => {
    const steps = [
      ops({ append: [e(1, 1), e(2, 1), e(3, 1)], term: 1 }),
      ops({ truncateFrom: 2, append: [e(2, 2)], term: 2 }),
      ops({ append: [e(3, 2), e(4, 2)] }),
      ops({ truncateFrom: 4, append: [e(4, 3)], term: 3 }),
    ];
    for (let split = 0; split <= steps.length; split++) {
      const oneByOne = new MemoryStorage();
      for (const s of steps) oneByOne.persist(s);
      const grouped = new MemoryStorage();
      const first = new WriteBatch();
      const second = new WriteBatch();
      steps.forEach((s, i) => {
        (i < split ? first : second).add(s, i + 1);
      });
      for (const b of [first, second]) if (!b.isEmpty) grouped.persist(b);
      expect(grouped.load()).toEqual(oneByOne.load());
    }
  });

  it('a truncation of entries still pending never deletes stored ones', () => {
    const b = new WriteBatch();
    b.add(ops({ append: [e(5, 1), e(6, 1)] }), 1);
    b.add(ops({ truncateFrom: 6, append: [e(6, 2)] }), 2);
    expect(b.truncateFrom).toBeNull();
    expect(b.append.map((x) => `${x.index}/${x.term}`)).toEqual(['5/1', '6/2']);
    expect(b.lastSeq).toBe(2);
  });
});
