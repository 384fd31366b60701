/** Helpers for the core's unit tests: build a node, feed it messages, read what it asks for. */
import {
  ELECTION_TIMEOUT_MAX,
  ELECTION_TIMEOUT_MIN,
  ENTRIES_PER_APPEND_MAX,
  HEARTBEAT_INTERVAL,
} from '../defaults';
import { RaftNode } from './node';
import type {
  AppendEntries,
  AppendEntriesReply,
  Entry,
  NodeId,
  RaftConfig,
  RaftMessage,
  Ready,
  RequestVote,
  RequestVoteReply,
} from './types';

/** The features past the core a test node runs with (none by default). */
export type Features = Pick<RaftConfig, 'preVote' | 'checkQuorum' | 'readMode' | 'clockDriftMax'>;

export function node(
  id: NodeId,
  opts: {
    members?: NodeId[];
    term?: number;
    votedFor?: NodeId | null;
    log?: Entry[];
    now?: number;
    features?: Features;
  } = {},
): RaftNode {
  return new RaftNode(
    {
      id,
      members: opts.members ?? [0, 1, 2],
      electionTimeoutMin: ELECTION_TIMEOUT_MIN,
      electionTimeoutMax: ELECTION_TIMEOUT_MAX,
      heartbeatInterval: HEARTBEAT_INTERVAL,
      entriesPerAppendMax: ENTRIES_PER_APPEND_MAX,
      inflightMax: 4,
      seed: 42 + id,
      ...opts.features,
    },
    { hardState: { term: opts.term ?? 0, votedFor: opts.votedFor ?? null }, log: opts.log ?? [] },
    opts.now ?? 0,
  );
}

/** A log whose entry i has term terms[i - 1]. */
export function logOfTerms(...terms: number[]): Entry[] {
  return terms.map((term, i) => ({ index: i + 1, term, command: `c${i + 1}` }));
}

export function deliver(n: RaftNode, message: RaftMessage, now = 0): Ready {
  n.step({ kind: 'message', message }, now);
  return n.takeReady();
}

export function timeout(n: RaftNode, now = 0): Ready {
  n.step({ kind: 'electionTimeout' }, now);
  return n.takeReady();
}

export function sent<T extends RaftMessage['type']>(
  ready: Ready,
  type: T,
): Extract<RaftMessage, { type: T }>[] {
  return ready.messages.filter((m): m is Extract<RaftMessage, { type: T }> => m.type === type);
}

export function requestVote(
  fields: Partial<RequestVote> & { from: NodeId; to: NodeId; term: number },
): RequestVote {
  return {
    type: 'RequestVote',
    candidateId: fields.from,
    lastLogIndex: 0,
    lastLogTerm: 0,
    ...fields,
  };
}

export function voteReply(
  from: NodeId,
  to: NodeId,
  term: number,
  voteGranted: boolean,
): RequestVoteReply {
  return { type: 'RequestVoteReply', from, to, term, voteGranted };
}

export function appendEntries(
  fields: Partial<AppendEntries> & { from: NodeId; to: NodeId; term: number },
): AppendEntries {
  return {
    type: 'AppendEntries',
    leaderId: fields.from,
    prevLogIndex: 0,
    prevLogTerm: 0,
    entries: [],
    leaderCommit: 0,
    ...fields,
  };
}

export function appendReply(
  fields: Partial<AppendEntriesReply> & {
    from: NodeId;
    to: NodeId;
    term: number;
    success: boolean;
  },
): AppendEntriesReply {
  return {
    type: 'AppendEntriesReply',
    prevLogIndex: 0,
    matchIndex: 0,
    conflictIndex: 0,
    conflictTerm: null,
    ...fields,
  };
}

/** Makes node `id` leader of `term` in a cluster of `members`, with the given log. */
export function leader(
  id: NodeId,
  term: number,
  log: Entry[] = [],
  members: NodeId[] = [0, 1, 2],
  features: Features = {},
): { n: RaftNode; ready: Ready } {
  const n = node(id, { members, term: term - 1, log, features });
  timeout(n);
  let ready: Ready | null = null;
  for (const peer of members) {
    if (peer === id) continue;
    n.step({ kind: 'message', message: voteReply(peer, id, term, true) }, 0);
    if (n.role === 'leader') {
      ready = n.takeReady();
      break;
    }
  }
  if (ready === null) throw new Error('testing.leader: election did not succeed');
  return { n, ready };
}
