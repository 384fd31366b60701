/**
 * The trace as golden text: one line per event, nodes named S1…S9, times in virtual ms.
 * Which events show is chosen per scenario with `trace` (see README.md); commit events of
 * several nodes at one instant share a line.
 */
import type { KvResult } from '../../kv/types';
import type { NodeId } from '../../raft/types';
import type { FeatureEvent } from '../../trace/events';
import { nodeName } from '../../util/node-name';
import type { Endpoint, TraceEvent } from '../index';

export const TRACE_CATEGORIES = [
  'roles',
  'votes',
  'commits',
  'clients',
  'messages',
  'timers',
  'all',
] as const;
export type TraceCategory = (typeof TRACE_CATEGORIES)[number];

/** What a scenario shows: categories, plus message types named one by one. */
export interface TraceFilter {
  readonly categories: ReadonlySet<TraceCategory>;
  readonly messageTypes: ReadonlySet<string>;
}

export const DEFAULT_FILTER: TraceFilter = {
  categories: new Set<TraceCategory>(['roles', 'votes', 'commits', 'clients']),
  messageTypes: new Set(),
};

const CATEGORY: Record<TraceEvent['kind'], TraceCategory> = {
  role: 'roles',
  crash: 'roles',
  restart: 'roles',
  vote: 'votes',
  feature: 'roles',
  propose: 'commits',
  commit: 'commits',
  'client-call': 'clients',
  'client-return': 'clients',
  send: 'messages',
  drop: 'messages',
  timeout: 'timers',
  deliver: 'all',
  persist: 'all',
  apply: 'all',
  hold: 'all',
  release: 'all',
  // The block's commands already say which interventions were made.
  intervention: 'all',
};

function shown(e: TraceEvent, f: TraceFilter): boolean {
  if (e.kind === 'intervention') return false;
  if (f.categories.has('all')) return true;
  // Every node boots at the start: only later restarts are news.
  if (e.kind === 'restart' && e.incarnation === 1) return false;
  if ((e.kind === 'send' || e.kind === 'drop') && f.messageTypes.has(e.type)) return true;
  if (e.kind === 'timeout' && e.timer === 'heartbeat') return false;
  if (e.kind === 'feature' && e.event.type === 'preVoted') return f.categories.has('votes');
  return f.categories.has(CATEGORY[e.kind]);
}

export const endpoint = (e: Endpoint): string => (typeof e === 'number' ? nodeName(e) : e);

/** A value as a word: bare when it reads unambiguously, else JSON-quoted. */
export function word(v: unknown): string {
  if (typeof v === 'string' && /^[^\s"#,]+$/.test(v)) return v;
  return JSON.stringify(v) ?? String(v);
}

/** A log entry's command, short: no-op, a client's register or session command, or a value. */
export function commandText(command: unknown): string {
  if (command === null) return 'no-op';
  const c = command as { kind?: string; session?: number; seq?: number; command?: unknown };
  if (c.kind === 'register') return 'register';
  if (c.kind === 'kv' && typeof c.command === 'object' && c.command !== null) {
    const k = c.command as { op: string; key: string; value?: string; expected?: string | null };
    const args = [k.key, ...(k.op === 'cas' ? [k.expected ?? 'none'] : []), k.value];
    const text = args.filter((a) => a !== undefined).map(word);
    return `session ${c.session} #${c.seq} ${k.op} ${text.join(' ')}`;
  }
  return word(command);
}

/** A KV result in words: `found 2`, `prev 1`, `no prev`, `swapped, prev 2`. */
export function resultText(r: KvResult | undefined): string {
  if (r === undefined) return 'no result';
  if ('found' in r) return r.found ? `found ${word(r.value)}` : 'not found';
  const prev = r.prevFound ? `prev ${word(r.prev)}` : 'no prev';
  return 'swapped' in r ? `${r.swapped ? 'swapped' : 'not swapped'}, ${prev}` : prev;
}

function messageSummary(type: string, m: Record<string, unknown>): string {
  switch (type) {
    case 'AppendEntries':
      return `prev ${m.prevLogIndex}@${m.prevLogTerm}, ${(m.entries as unknown[]).length} entries, commit ${m.leaderCommit}`;
    case 'AppendEntriesReply':
      return m.success ? `ok, match ${m.matchIndex}` : 'rejected';
    case 'RequestVote':
      return `last ${m.lastLogIndex}@${m.lastLogTerm}`;
    case 'RequestVoteReply':
    case 'PreVoteReply':
      return m.voteGranted ? 'granted' : 'denied';
    case 'PreVote':
      return `last ${m.lastLogIndex}@${m.lastLogTerm}`;
    case 'InstallSnapshot':
      return `${m.lastIncludedIndex}@${m.lastIncludedTerm} from ${m.offset}${m.done ? ', done' : ''}`;
    case 'InstallSnapshotReply':
      return m.done ? 'installed' : `has ${m.received}`;
    case 'ClientRequest': {
      const c = m.command as { op: string; key?: string };
      return `#${m.seq} ${c.op}${c.key === undefined ? '' : ` ${word(c.key)}`}`;
    }
    case 'ClientReply':
      return m.status === 'notLeader'
        ? `not leader, hint ${m.leaderHint === null ? 'none' : nodeName(m.leaderHint as NodeId)}`
        : `${m.status} #${m.seq}`;
    default:
      return '';
  }
}

function eventText(e: TraceEvent): string {
  switch (e.kind) {
    case 'role':
      return `${nodeName(e.node)} ${e.role}, term ${e.term}`;
    case 'vote': {
      const verb = e.granted ? 'votes for' : 'denies';
      const why = e.reason === undefined ? '' : `: ${e.reason}`;
      return `${nodeName(e.node)} ${verb} ${nodeName(e.candidate)}, term ${e.term}${why}`;
    }
    case 'propose':
      return `${nodeName(e.node)} appends ${e.index}@${e.term} ${commandText(e.command)}`;
    case 'commit':
      return `commit ${e.commitIndex} on ${nodeName(e.node)}`;
    case 'crash':
      return `${nodeName(e.node)} crashes`;
    case 'restart': {
      const voted = e.votedFor === null ? 'none' : nodeName(e.votedFor);
      return `${nodeName(e.node)} restarts: term ${e.term}, voted ${voted}, log ${e.logLength}`;
    }
    case 'client-call': {
      const args = [e.key, ...(e.op === 'cas' ? [e.expected ?? 'none'] : []), e.value];
      return `${e.client} ${e.op} ${args
        .filter((a) => a !== undefined)
        .map(word)
        .join(' ')}`;
    }
    case 'client-return': {
      const tries = e.attempts === 1 ? '' : ` (${e.attempts} attempts)`;
      const what =
        e.outcome === 'ok' ? `ok, ${resultText(e.result)}` : `${e.outcome}: ${e.error ?? ''}`;
      const served = e.servedBy === undefined ? '' : ` [${e.servedBy}]`;
      return `${e.client} ${e.op} ${word(e.key)} -> ${what}${tries}${served}`;
    }
    case 'send': {
      const lost = e.deliverAt === null ? ' (lost)' : '';
      const dup = e.duplicateOf === undefined ? '' : ' (copy)';
      const s = messageSummary(e.type, e.message as Record<string, unknown>);
      const term = typeof e.from === 'string' || typeof e.to === 'string' ? '' : ` t${e.term}`;
      return `${endpoint(e.from)} -> ${endpoint(e.to)} ${e.type}${term}${s === '' ? '' : ` ${s}`}${lost}${dup}`;
    }
    case 'drop':
      return `drop ${endpoint(e.from)} -> ${endpoint(e.to)} ${e.type}: ${e.reason}`;
    case 'deliver':
      return `deliver ${endpoint(e.from)} -> ${endpoint(e.to)} ${e.type}`;
    case 'timeout':
      return `${nodeName(e.node)} ${e.timer} timeout${e.forced ? ' (forced)' : ''}`;
    case 'persist': {
      const hs =
        e.hardState === null
          ? ''
          : ` term ${e.hardState.term} vote ${e.hardState.votedFor === null ? 'none' : nodeName(e.hardState.votedFor)}`;
      const cut = e.truncateFrom === null ? '' : ` truncate from ${e.truncateFrom}`;
      return `${nodeName(e.node)} persists${hs}${cut}${e.append.length > 0 ? ` +${e.append.length} entries` : ''}`;
    }
    case 'apply':
      return `${nodeName(e.node)} applies ${e.entries.map((x) => x.index).join(',')}`;
    case 'hold':
    case 'release':
      return `${e.kind} message ${e.id}`;
    case 'intervention':
      return `${e.action}`;
    case 'feature':
      return featureText(e.node, e.event);
  }
}

function featureText(node: NodeId, e: FeatureEvent): string {
  const n = nodeName(node);
  switch (e.type) {
    case 'preVoteStarted':
      return `${n} pre-candidate for term ${e.term}`;
    case 'preVoted': {
      const verb = e.granted ? 'pre-votes for' : 'denies pre-vote to';
      const why = e.reason === undefined ? '' : `: ${e.reason}`;
      return `${n} ${verb} ${nodeName(e.candidateId)}, term ${e.term}${why}`;
    }
    case 'steppedDown':
      return `${n} steps down, term ${e.term}: no quorum`;
    case 'electionHeldBack':
      return `${n} may not stand before ${e.until}: lease`;
    case 'transferStarted':
      return `${n} transfers leadership to ${nodeName(e.to)}, term ${e.term}`;
    case 'transferAborted':
      return `${n} gives up the transfer to ${nodeName(e.to)}, term ${e.term}`;
  }
}

export const timeText = (t: number): string => t.toFixed(3).padStart(9);

/** The lines for these events under this filter. */
export function renderTrace(events: readonly TraceEvent[], f: TraceFilter): string[] {
  const out: string[] = [];
  let commit: { t: number; index: number; nodes: NodeId[] } | null = null;
  const flush = () => {
    if (commit === null) return;
    out.push(
      `${timeText(commit.t)} commit ${commit.index} on ${commit.nodes.map(nodeName).join(',')}`,
    );
    commit = null;
  };
  for (const e of events) {
    if (!shown(e, f)) continue;
    if (e.kind === 'commit') {
      if (commit !== null && commit.t === e.t && commit.index === e.commitIndex) {
        commit.nodes.push(e.node);
        continue;
      }
      flush();
      commit = { t: e.t, index: e.commitIndex, nodes: [e.node] };
      continue;
    }
    flush();
    out.push(`${timeText(e.t)} ${eventText(e)}`);
  }
  flush();
  return out;
}
