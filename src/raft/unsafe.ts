/**
 * Unsafe switches (issue 11): each removes one rule of Raft, so the checkers can be seen
 * to catch what the rule prevents. All are off unless a run asks for one; a run with one
 * on says so in its options.
 */
export const UNSAFE_SWITCHES = {
  noElectionRestriction: {
    title: 'No election restriction',
    section: 'Raft paper §5.4.1',
    removes:
      'the election restriction: a voter grants its vote even to a candidate whose log is behind its own, so a leader may lack committed entries and overwrite them',
  },
  commitOldTerms: {
    title: 'Commit entries of older terms',
    section: 'Raft paper §5.4.2, Figure 8',
    removes:
      'the current-term check of the commit rule: a new leader commits an entry of an older term once a majority stores it, and a later leader can still overwrite it',
    // Figure 8 needs a leader to crash with its no-op on too few servers: likelier with 3.
    chaos: { nodes: 3 },
  },
  countOldTermVotes: {
    title: 'Count votes from an older term',
    section: 'Raft paper §5.2 (and Figure 2, RequestVote)',
    removes:
      "checking a vote's term: a candidate counts a late vote from its previous election, so it can win without a majority of this term and share the term with another leader",
  },
  voteNotPersisted: {
    title: 'Vote not persisted',
    section: 'Raft paper Figure 2, persistent state',
    removes:
      'writing the vote to disk before answering: a server that crashes forgets whom it voted for, and may vote twice in one term',
  },
  termNotPersisted: {
    title: 'Term not persisted',
    section: 'Raft paper Figure 2, persistent state',
    removes:
      'writing a newly learned term to disk before answering: a server that crashes forgets the term, and may then vote again in a term it already voted in',
  },
  ackBeforeDurable: {
    title: 'Acknowledge before durable',
    section: 'Raft paper Figure 2 and §5.3',
    removes:
      'writing entries to disk before acknowledging them: a follower answers AppendEntries at once and writes the entries later, so a crash can lose entries the leader counted as stored',
  },
  truncateOnAnyAppend: {
    title: 'Truncate on any AppendEntries',
    section: 'Raft paper §5.3 (and Figure 2, AppendEntries step 3)',
    removes:
      'truncating only at a conflict: a follower cuts its log after prevLogIndex on every AppendEntries, so a late or duplicated one can take away entries already committed',
  },
  noClientSessions: {
    title: 'No client sessions',
    section: 'Raft dissertation §6.3',
    removes:
      "the session's duplicate check: a retried command is applied again, so an APPEND whose answer was lost can land twice",
    chaos: { kv: true },
  },
  staleReads: {
    title: 'Reads without a quorum',
    section: 'Raft dissertation §6.4',
    removes:
      'confirming leadership before a read: a leader answers GET from its own state at once, so a leader that was deposed without knowing it answers with old values',
    chaos: { kv: true },
  },
} as const;

export type UnsafeSwitch = keyof typeof UNSAFE_SWITCHES;

export const UNSAFE_SWITCH_NAMES = Object.keys(UNSAFE_SWITCHES) as UnsafeSwitch[];

/**
 * What a chaos run needs to show a switch's anomaly soon: KV clients for a KV rule, and a
 * cluster size other than chaos's default of 5 where that finds it sooner.
 */
export function chaosNeeds(name: UnsafeSwitch): { readonly kv?: boolean; readonly nodes?: number } {
  const spec = UNSAFE_SWITCHES[name];
  return 'chaos' in spec ? spec.chaos : {};
}

/** Whether a node runs with this rule switched off. */
export function switchedOff(
  config: { readonly unsafe?: readonly UnsafeSwitch[] },
  name: UnsafeSwitch,
): boolean {
  return config.unsafe?.includes(name) === true;
}

export function isUnsafeSwitch(name: unknown): name is UnsafeSwitch {
  return typeof name === 'string' && Object.hasOwn(UNSAFE_SWITCHES, name);
}
