import { describe, expect, it } from 'vitest';
import { RaftLog } from './log';
import { logOfTerms } from './testing';

describe('RaftLog', () => {
  it('is 1-based: index 0 has term 0 and a missing index has term -1', () => {
    const log = new RaftLog(logOfTerms(1, 1, 2));
    expect(log.term(0)).toBe(0);
    expect(log.term(3)).toBe(2);
    expect(log.term(4)).toBe(-1);
    expect(log.lastIndex).toBe(3);
    expect(log.lastTerm).toBe(2);
  });

  it('rejects entries that are not contiguous', () => {
    expect(() => new RaftLog([{ index: 2, term: 1, command: null }])).toThrow(/index 2/);
    const log = new RaftLog(logOfTerms(1));
    expect(() => log.append({ index: 3, term: 1, command: null })).toThrow(/expected 2/);
  });

  it('finds the first and last index of a term by binary search', () => {
    const log = new RaftLog(logOfTerms(1, 1, 3, 3, 3, 5, 6));
    expect(log.firstIndexOfTerm(3, 7)).toBe(3);
    expect(log.lastIndexOfTerm(3, 7)).toBe(5);
    expect(log.lastIndexOfTerm(3, 4)).toBe(4);
    expect(log.firstIndexOfTerm(4, 7)).toBe(0);
    expect(log.lastIndexOfTerm(4, 7)).toBe(0);
    expect(log.lastIndexOfTerm(1, 7)).toBe(2);
  });

  it('slices a bounded number of entries and truncates a suffix', () => {
    const log = new RaftLog(logOfTerms(1, 1, 1, 2, 2));
    expect(log.slice(2, 2).map((e) => e.index)).toEqual([2, 3]);
    expect(log.slice(5, 10).map((e) => e.index)).toEqual([5]);
    expect(log.range(2, 4).map((e) => e.index)).toEqual([2, 3, 4]);
    log.truncateFrom(3);
    expect(log.lastIndex).toBe(2);
  });
});
