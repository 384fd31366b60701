/** Quorum math: pure functions over counts and match indices. */

/** Smallest number of members that forms a majority. */
export function majority(memberCount: number): number {
  return Math.floor(memberCount / 2) + 1;
}

/**
 * The highest index stored on a majority, given every member's match index (the leader's
 * own last index included).
 */
export function quorumIndex(matchIndexes: readonly number[]): number {
  const sorted = matchIndexes.slice().sort((a, b) => b - a);
  return sorted[majority(matchIndexes.length) - 1] ?? 0;
}

export type VoteOutcome = 'won' | 'lost' | 'pending';

/** Whether an election is decided, from the number of votes for and against. */
export function voteOutcome(memberCount: number, granted: number, denied: number): VoteOutcome {
  const needed = majority(memberCount);
  if (granted >= needed) return 'won';
  if (denied > memberCount - needed) return 'lost';
  return 'pending';
}
