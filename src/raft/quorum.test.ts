import { describe, expect, it } from 'vitest';
import { majority, quorumIndex, voteOutcome } from './quorum';

describe('quorum math', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [5, 3],
    [9, 5],
  ])('a majority of %i members is %i', (members, expected) => {
    expect(majority(members)).toBe(expected);
  });

  it.each([
    [[5], 5],
    [[5, 3, 1], 3],
    [[7, 7, 2, 2, 2], 2],
    [[9, 8, 7, 1, 0], 7],
    [[4, 4, 4, 4], 4],
    [[6, 5, 1, 0], 1],
  ])('the index stored on a majority of %j is %i', (matches, expected) => {
    expect(quorumIndex(matches)).toBe(expected);
  });

  it.each([
    [5, 3, 0, 'won'],
    [5, 2, 2, 'pending'],
    [5, 2, 3, 'lost'],
    [4, 2, 2, 'lost'],
    [1, 1, 0, 'won'],
  ] as const)('an election among %i with %i for and %i against is %s', (n, yes, no, outcome) => {
    expect(voteOutcome(n, yes, no)).toBe(outcome);
  });
});
