import { describe, expect, it } from 'vitest';
import {
  describeMessage,
  ENTRIES_SHOWN_MAX,
  formatEntries,
  glyphOf,
  type MessageLike,
  messageFields,
} from './message-fields';
import { majority, nodeCaption, nodeLabel } from './node-text';
import { cutByDraft, groupsOf } from './partition-draft';
import { timerFraction, timerPath, timerStep } from './timer-arc';

function msg(type: string, payload: Record<string, unknown>, extra: Partial<MessageLike> = {}) {
  return {
    id: 7,
    from: 1,
    to: 2,
    type,
    term: 3,
    sentAt: 10,
    deliverAt: 14.5,
    payload: { type, from: 1, to: 2, term: 3, ...payload },
    held: false,
    ...extra,
  } satisfies MessageLike;
}

describe('message glyphs say their kind by shape and mark, not colour alone', () => {
  it('draws requests filled and replies with a tick or a cross', () => {
    expect(glyphOf(msg('RequestVote', {})).shape).toBe('diamond');
    expect(glyphOf(msg('RequestVoteReply', { voteGranted: true }))).toMatchObject({
      mark: '✓',
      hollow: false,
    });
    expect(glyphOf(msg('RequestVoteReply', { voteGranted: false }))).toMatchObject({
      mark: '✗',
      hollow: true,
    });
    expect(glyphOf(msg('AppendEntriesReply', { success: false })).mark).toBe('✗');
  });

  it('draws a heartbeat (no entries) smaller and hollow', () => {
    expect(glyphOf(msg('AppendEntries', { entries: [] }))).toMatchObject({
      small: true,
      hollow: true,
      kind: 'heartbeat',
    });
    const full = glyphOf(msg('AppendEntries', { entries: [{ index: 1, term: 1, command: null }] }));
    expect(full).toMatchObject({ small: false, hollow: false, kind: '1 entry' });
  });

  it('tells client replies that failed from those that succeeded', () => {
    const done = { status: 'done', seq: 1, response: { ok: true, result: {} } };
    expect(glyphOf(msg('ClientReply', done, { to: 'c1' })).mark).toBe('✓');
    const redirect = { status: 'notLeader', seq: 1, leaderHint: 2 };
    expect(glyphOf(msg('ClientReply', redirect, { to: 'c1' }))).toMatchObject({
      mark: '✗',
      kind: 'not the leader',
    });
    expect(glyphOf(msg('ClientRequest', {}, { from: 'c1' })).shape).toBe('triangle');
  });

  it('names endpoints and the held state for screen readers', () => {
    const text = describeMessage(msg('RequestVote', {}, { from: 'c2', held: true }));
    expect(text).toBe('RequestVote (vote request) from client c2 to S3, term 3, held');
  });
});

describe('message fields use the paper names', () => {
  it('lists AppendEntries fields in the paper order, with entries formatted', () => {
    const entries = [
      { index: 4, term: 2, command: null },
      {
        index: 5,
        term: 3,
        command: { kind: 'kv', session: 1, seq: 1, command: { op: 'set', key: 'x', value: '1' } },
      },
    ];
    const fields = messageFields(
      msg('AppendEntries', {
        leaderCommit: 3,
        entries,
        prevLogTerm: 2,
        prevLogIndex: 3,
        leaderId: 1,
      }),
    );
    expect(fields.map((f) => f.label)).toEqual([
      'type',
      'from',
      'to',
      'term',
      'leaderId',
      'prevLogIndex',
      'prevLogTerm',
      'entries',
      'leaderCommit',
      'sent at',
      'arrives at',
    ]);
    expect(fields.find((f) => f.label === 'entries')?.value).toBe('2: #4 t2 no-op, #5 t3 SET x 1');
    expect(fields.at(-1)?.value).toBe('14.50 ms');
  });

  it('keeps the paper field names but shows the nodes they name as S1, S2, …', () => {
    const value = (m: MessageLike, label: string) =>
      messageFields(m).find((f) => f.label === label)?.value;
    const append = msg('AppendEntries', { leaderId: 1, entries: [], leaderCommit: 0 });
    expect(value(append, 'from')).toBe('S2');
    expect(value(append, 'to')).toBe('S3');
    expect(value(append, 'leaderId')).toBe('S2');
    expect(value(msg('RequestVote', { candidateId: 0 }), 'candidateId')).toBe('S1');
    const redirect = { status: 'notLeader', seq: 1, leaderHint: 4 };
    expect(value(msg('ClientReply', redirect, { to: 'c1' }), 'leaderHint')).toBe('S5');
    expect(value(msg('ClientReply', redirect, { to: 'c1' }), 'to')).toBe('client c1');
    const noHint = { status: 'notLeader', seq: 1, leaderHint: null };
    expect(value(msg('ClientReply', noHint, { to: 'c1' }), 'leaderHint')).toBe('none');
  });

  it('shows a reply conflict with none for a missing term', () => {
    const fields = messageFields(
      msg('AppendEntriesReply', {
        success: false,
        conflictIndex: 2,
        conflictTerm: null,
        matchIndex: 0,
      }),
    );
    expect(fields.find((f) => f.label === 'conflictTerm')?.value).toBe('none');
    expect(fields.find((f) => f.label === 'success')?.value).toBe('false');
  });

  it('shows only the first few entries of a long batch', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ index: i + 1, term: 1, command: null }));
    expect(formatEntries(many)).toMatch(new RegExp(`\\+${10 - ENTRIES_SHOWN_MAX} more$`));
    expect(formatEntries([])).toBe('none (heartbeat)');
  });

  it('formats a client command and a held message', () => {
    const fields = messageFields(
      msg(
        'ClientRequest',
        { session: 4, seq: 2, command: { op: 'get', key: 'k' } },
        { held: true },
      ),
    );
    expect(fields.find((f) => f.label === 'command')?.value).toBe('GET k');
    expect(fields.some((f) => f.label === 'due at (held)')).toBe(true);
  });
});

const status = (role: 'follower' | 'candidate' | 'leader', extra = {}) => ({
  role,
  term: 5,
  votedFor: null as number | null,
  leaderId: null,
  commitIndex: 2,
  lastApplied: 2,
  lastIndex: 3,
  nextDeadline: 300,
  votesGranted: [] as number[],
  progress: [],
  ...extra,
});
const node = (id: number, s: ReturnType<typeof status> | null) => ({
  id,
  alive: s !== null,
  storage: 'idb' as const,
  status: s,
  durableTerm: 4,
  durableVotedFor: 1,
  logLength: 3,
});

describe('node words', () => {
  it('names a node with its role and term', () => {
    expect(nodeLabel(node(2, status('leader')), 5, true)).toBe('S3, leader, term 5, commit 2');
    expect(nodeLabel(node(1, status('follower', { votedFor: 3 })), 5, false)).toBe(
      'S2, follower, term 5, voted for S4, commit 2, disconnected',
    );
    expect(nodeCaption(node(1, status('follower', { votedFor: 3 })), 5, true, false)).toBe(
      'follower · voted S4',
    );
  });

  it('puts the name in the one-line caption of a crowded ring', () => {
    expect(nodeCaption(node(4, status('follower', { votedFor: 2 })), 9, true, true)).toBe(
      'S5 · voted S3',
    );
    expect(nodeCaption(node(4, status('follower')), 9, true, true)).toBe('S5');
    expect(nodeCaption(node(4, null), 9, true, true)).toBe('S5 · crashed');
  });

  it('shows a crashed node with its durable term and vote', () => {
    expect(nodeLabel(node(0, null), 5, true)).toBe('S1, crashed, term 4 on disk, voted for S2');
    expect(nodeCaption(node(0, null), 5, true, false)).toBe('crashed · disk t4, voted S2');
  });

  it('counts a candidate’s votes against the majority', () => {
    const c = node(3, status('candidate', { votesGranted: [3, 1] }));
    expect(majority(5)).toBe(3);
    expect(majority(4)).toBe(3);
    expect(nodeCaption(c, 5, true, false)).toBe('candidate · 2/3 votes');
    expect(nodeCaption(c, 5, true, true)).toBe('S4 · 2/3 votes');
  });
});

describe('timer ring', () => {
  const scale = { electionTimeoutMs: [150, 300] as const, heartbeatMs: 50 };

  it('drains as the election deadline approaches, scaled by the longest timeout', () => {
    expect(timerFraction({ role: 'follower', nextDeadline: 400 }, 100, scale)).toBe(1);
    expect(timerFraction({ role: 'follower', nextDeadline: 400 }, 250, scale)).toBe(0.5);
    expect(timerFraction({ role: 'candidate', nextDeadline: 400 }, 400, scale)).toBe(0);
    expect(timerFraction({ role: 'follower', nextDeadline: 400 }, 500, scale)).toBe(0);
  });

  it('shows the heartbeat timer for a leader and nothing for a crashed node', () => {
    expect(timerFraction({ role: 'leader', nextDeadline: 125 }, 100, scale)).toBe(0.5);
    expect(timerFraction(null, 100, scale)).toBeNull();
    expect(timerFraction({ role: 'leader', nextDeadline: Infinity }, 100, scale)).toBeNull();
  });

  it('draws nothing for an empty timer and quantises steps', () => {
    expect(timerPath(0, 10, 12)).toBe('');
    expect(timerPath(null, 10, 12)).toBe('');
    expect(timerPath(0.5, 10, 12)).toMatch(/^M/);
    expect(timerStep(0.5001)).toBe(timerStep(0.5));
  });
});

describe('partition draft', () => {
  it('turns the draft into the non-empty groups partition() takes', () => {
    expect(groupsOf([0, 1, 1, 0, 2])).toEqual([[0, 3], [1, 2], [4]]);
    expect(groupsOf([0, 0, 0])).toEqual([[0, 1, 2]]);
  });

  it('previews which links the draft cuts', () => {
    expect(cutByDraft([0, 1, 0], 0, 1)).toBe(true);
    expect(cutByDraft([0, 1, 0], 0, 2)).toBe(false);
  });
});
