/**
 * Which events the event log shows: kind groups (elections, replication, messages,
 * clients, faults, interventions), one node, and a text search over the sentences.
 */
import type { NodeId } from '../../raft/types';
import type { TraceEvent } from '../../sim/trace';

export type EventGroup =
  | 'elections'
  | 'replication'
  | 'messages'
  | 'clients'
  | 'faults'
  | 'interventions';

export const EVENT_GROUPS: ReadonlyArray<{ id: EventGroup; label: string; glyph: string }> = [
  { id: 'elections', label: 'Elections', glyph: '★' },
  { id: 'replication', label: 'Replication', glyph: '≡' },
  { id: 'messages', label: 'Messages', glyph: '✉' },
  { id: 'clients', label: 'Clients', glyph: '⌨' },
  { id: 'faults', label: 'Faults', glyph: '⚡' },
  { id: 'interventions', label: 'You', glyph: '☞' },
];

export function groupOf(e: TraceEvent): EventGroup {
  switch (e.kind) {
    case 'timeout':
      return e.timer === 'election' ? 'elections' : 'replication';
    case 'role':
    case 'vote':
      return 'elections';
    case 'feature':
      return e.event.type === 'transferStarted' || e.event.type === 'transferAborted'
        ? 'replication'
        : 'elections';
    case 'propose':
    case 'persist':
    case 'commit':
    case 'apply':
      return 'replication';
    case 'send':
    case 'deliver':
    case 'drop':
    case 'hold':
    case 'release':
      return 'messages';
    case 'client-call':
    case 'client-return':
      return 'clients';
    case 'crash':
    case 'restart':
      return 'faults';
    case 'intervention':
      return 'interventions';
  }
}

const isNode = (v: unknown): v is NodeId => typeof v === 'number' && Number.isInteger(v);

/** The nodes an event is about (a message's sender and receiver, a vote's candidate...). */
export function nodesOf(e: TraceEvent): NodeId[] {
  switch (e.kind) {
    case 'send':
    case 'deliver':
    case 'drop':
      return [e.from, e.to].filter(isNode);
    case 'vote':
      return [e.node, e.candidate];
    case 'feature':
      if (e.event.type === 'preVoted') return [e.node, e.event.candidateId];
      if (e.event.type === 'transferStarted' || e.event.type === 'transferAborted')
        return [e.node, e.event.to];
      return [e.node];
    case 'role':
      return isNode(e.leaderId) && e.leaderId !== e.node ? [e.node, e.leaderId] : [e.node];
    case 'timeout':
    case 'persist':
    case 'commit':
    case 'apply':
    case 'propose':
    case 'crash':
    case 'restart':
      return [e.node];
    case 'intervention':
      if (e.action === 'partition') return (e.args as unknown[]).flat().filter(isNode);
      if (e.action === 'setLink') return e.args.slice(0, 2).filter(isNode);
      if (e.action === 'setNetwork') return [];
      return e.args.slice(0, 1).filter(isNode);
    case 'hold':
    case 'release':
    case 'client-call':
    case 'client-return':
      return [];
  }
}

/** An event with its sentence and what the filters look at. */
export interface ExplainedEvent {
  readonly event: TraceEvent;
  /** Increases with every event seen: a stable key. */
  readonly seq: number;
  readonly text: string;
  readonly lower: string;
  readonly group: EventGroup;
  readonly nodes: readonly NodeId[];
}

export interface EventFilter {
  /** Groups shown. */
  readonly groups: ReadonlySet<EventGroup>;
  /** Only events about this node, or every event. */
  readonly node: NodeId | null;
  /** Text the sentence must contain (case-insensitive). */
  readonly text: string;
}

export const SHOW_ALL: EventFilter = {
  groups: new Set(EVENT_GROUPS.map((g) => g.id)),
  node: null,
  text: '',
};

export function matches(item: ExplainedEvent, filter: EventFilter): boolean {
  if (!filter.groups.has(item.group)) return false;
  if (filter.node !== null && !item.nodes.includes(filter.node)) return false;
  const text = filter.text.trim().toLowerCase();
  return text === '' || item.lower.includes(text);
}

/** A key that changes whenever the filter does. */
export function filterKey(filter: EventFilter): string {
  return `${[...filter.groups].sort().join(',')}|${filter.node}|${filter.text.trim().toLowerCase()}`;
}
