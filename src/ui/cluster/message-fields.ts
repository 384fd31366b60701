/**
 * What a message in flight looks like (its glyph) and says (its fields, in the paper's
 * names), pure so both the drawing and the details panel read the same words.
 */
import type { Entry } from '../../raft/types';
import { entryCount, FRAME_ENTRIES_MAX } from '../../runtime/frame-payload';
import { nodeName } from '../../util/node-name';
import { formatCommand, formatKvCommand } from '../format';

export interface MessageLike {
  readonly id: number;
  readonly from: number | string;
  readonly to: number | string;
  readonly type: string;
  readonly term: number;
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly held: boolean;
}

export type Family = 'vote' | 'append' | 'client' | 'other';
export type Shape = 'diamond' | 'square' | 'circle' | 'triangle';

export interface Glyph {
  readonly family: Family;
  readonly shape: Shape;
  /** Hollow: a heartbeat (no entries) or a refusal. */
  readonly hollow: boolean;
  /**
   * Replies say yes or no in a mark, not by colour alone; P marks PreVote and its answers
   * (hollow: refused), ! marks TimeoutNow.
   */
  readonly mark: '' | '✓' | '✗' | 'P' | '!' | 'S';
  readonly small: boolean;
  /** Short words for the kind: "heartbeat", "vote granted", ... */
  readonly kind: string;
}

export function entriesOf(m: MessageLike): readonly Entry[] {
  const e = m.payload.entries;
  return Array.isArray(e) ? (e as Entry[]) : [];
}

export function glyphOf(m: MessageLike): Glyph {
  const p = m.payload;
  switch (m.type) {
    case 'RequestVote':
      return glyph('vote', 'diamond', false, '', 'vote request');
    case 'RequestVoteReply':
      return p.voteGranted === true
        ? glyph('vote', 'circle', false, '✓', 'vote granted')
        : glyph('vote', 'circle', true, '✗', 'vote denied');
    case 'PreVote':
      return glyph('vote', 'diamond', true, 'P', 'pre-vote request');
    case 'PreVoteReply':
      return p.voteGranted === true
        ? glyph('vote', 'circle', false, 'P', 'pre-vote granted')
        : glyph('vote', 'circle', true, 'P', 'pre-vote refused');
    case 'TimeoutNow':
      return glyph('vote', 'diamond', false, '!', 'stand for election now');
    case 'AppendEntries': {
      const n = entryCount(m.payload);
      return n === 0
        ? { ...glyph('append', 'square', true, '', 'heartbeat'), small: true }
        : glyph('append', 'square', false, '', `${n} ${n === 1 ? 'entry' : 'entries'}`);
    }
    case 'InstallSnapshot':
      return glyph('append', 'square', false, 'S', 'snapshot chunk');
    case 'InstallSnapshotReply':
      return p.done === true
        ? glyph('append', 'circle', false, 'S', 'snapshot installed')
        : glyph('append', 'circle', true, 'S', 'snapshot chunk received');
    case 'AppendEntriesReply':
      return p.success === true
        ? glyph('append', 'circle', false, '✓', 'append accepted')
        : glyph('append', 'circle', true, '✗', 'append rejected');
    case 'ClientRequest':
      return glyph('client', 'triangle', false, '', 'client request');
    case 'ClientReply':
      return clientReplyOk(p)
        ? glyph('client', 'circle', false, '✓', 'client reply')
        : glyph('client', 'circle', true, '✗', clientReplyKind(p));
    default:
      return glyph('other', 'circle', false, '', m.type);
  }
}

function glyph(family: Family, shape: Shape, hollow: boolean, mark: Glyph['mark'], kind: string) {
  return { family, shape, hollow, mark, small: false, kind };
}

function clientReplyOk(p: Readonly<Record<string, unknown>>): boolean {
  if (p.status === 'registered') return true;
  if (p.status !== 'done') return false;
  return (p.response as { ok?: unknown } | undefined)?.ok === true;
}

function clientReplyKind(p: Readonly<Record<string, unknown>>): string {
  return p.status === 'notLeader' ? 'not the leader' : 'client error';
}

export function endpointName(e: number | string): string {
  return typeof e === 'number' ? nodeName(e) : `client ${e}`;
}

/** One line for screen readers and tooltips. */
export function describeMessage(m: MessageLike): string {
  const g = glyphOf(m);
  const held = m.held ? ', held' : '';
  return `${m.type} (${g.kind}) from ${endpointName(m.from)} to ${endpointName(m.to)}, term ${m.term}${held}`;
}

export interface Field {
  readonly label: string;
  readonly value: string;
}

/** Fields the panel lists, after type/from/to/term, in this order when present. */
const PAPER_ORDER = [
  'candidateId',
  'lastLogIndex',
  'lastLogTerm',
  'voteGranted',
  'leadershipTransfer',
  'leaderId',
  'prevLogIndex',
  'prevLogTerm',
  'entries',
  'leaderCommit',
  'success',
  'matchIndex',
  'conflictIndex',
  'conflictTerm',
  'lastIncludedIndex',
  'lastIncludedTerm',
  'offset',
  'data',
  'dataLength',
  'received',
  'done',
  'round',
  'status',
  'session',
  'seq',
  'command',
  'leaderHint',
  'response',
];
/** Already shown in the header rows, or plumbing. */
const SKIP = new Set(['type', 'from', 'to', 'term', 'entriesOmitted']);
/** Fields whose value is a node id: shown by the node's name, under the paper's field name. */
const NODE_FIELDS = new Set(['candidateId', 'leaderId', 'leaderHint']);
/** A frame keeps no more (runtime/frame-payload.ts). */
export const ENTRIES_SHOWN_MAX = FRAME_ENTRIES_MAX;

export function messageFields(m: MessageLike): Field[] {
  const fields: Field[] = [
    { label: 'type', value: m.type },
    { label: 'from', value: endpointName(m.from) },
    { label: 'to', value: endpointName(m.to) },
    { label: 'term', value: String(m.term) },
  ];
  const keys = Object.keys(m.payload).filter((k) => !SKIP.has(k));
  const rank = (k: string) => {
    const i = PAPER_ORDER.indexOf(k);
    return i === -1 ? PAPER_ORDER.length : i;
  };
  keys.sort((a, b) => rank(a) - rank(b));
  for (const key of keys)
    fields.push({
      label: key,
      value:
        key === 'entries'
          ? formatEntries(entriesOf(m), entryCount(m.payload))
          : formatField(key, m.payload[key]),
    });
  fields.push({ label: 'sent at', value: `${formatMs(m.sentAt)} ms` });
  fields.push({
    label: m.held ? 'due at (held)' : 'arrives at',
    value: `${formatMs(m.deliverAt)} ms`,
  });
  return fields;
}

function formatField(key: string, value: unknown): string {
  if (NODE_FIELDS.has(key) && typeof value === 'number') return nodeName(value);
  if (key === 'command' && typeof value === 'object' && value !== null) {
    const op = (value as { op?: unknown }).op;
    if (op === 'register') return 'register';
    try {
      return formatKvCommand(value as Parameters<typeof formatKvCommand>[0]);
    } catch {
      return JSON.stringify(value);
    }
  }
  if (key === 'response' && typeof value === 'object' && value !== null) {
    const r = value as { ok?: boolean; error?: string; result?: unknown };
    return r.ok === true ? `ok ${JSON.stringify(r.result ?? {})}` : `error: ${r.error ?? '?'}`;
  }
  if (value === null) return 'none';
  if (value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `count` is every entry the message carries; `entries` may be only the first few. */
export function formatEntries(entries: readonly Entry[], count = entries.length): string {
  if (count === 0) return 'none (heartbeat)';
  const shown = entries
    .slice(0, ENTRIES_SHOWN_MAX)
    .map((e) => `#${e.index} t${e.term} ${formatCommand(e.command)}`);
  const more = count > shown.length ? `, +${count - shown.length} more` : '';
  return `${count}: ${shown.join(', ')}${more}`;
}

function formatMs(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(2);
}
