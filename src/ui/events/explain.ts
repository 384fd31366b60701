/**
 * Trace events in words: one short sentence per event ("S3 became leader in term 5").
 * The core and the simulator hold no prose; this is where the words live. Malformed
 * fields never throw: an odd event still gets a sentence.
 */
import type { KvCommand, ServedBy } from '../../kv/types';
import type { NodeId } from '../../raft/types';
import { entryCount } from '../../runtime/frame-payload';
import type { ActionName, Intervention } from '../../sim/interventions';
import type { Endpoint, TraceEvent } from '../../sim/trace';
import type { FeatureEvent } from '../../trace/events';
import { nodeName } from '../../util/node-name';
import { formatCommand, formatKvCommand, formatResult } from '../format';

export type ClientCallEvent = Extract<TraceEvent, { kind: 'client-call' }>;

/** What helps explain an event beyond itself: the call a client's return answers. */
export interface ExplainContext {
  readonly call?: ClientCallEvent;
}

export function explain(e: TraceEvent, context: ExplainContext = {}): string {
  try {
    const words = sentence(e, context);
    if (typeof words === 'string') return words;
  } catch {
    // Falls through to the plain description.
  }
  return `${String((e as { kind?: unknown }).kind)} event`;
}

function sentence(e: TraceEvent, context: ExplainContext): string {
  switch (e.kind) {
    case 'send': {
      const dup = e.duplicateOf === undefined ? '' : ` (copy of #${e.duplicateOf})`;
      return `${who(e.from)} → ${who(e.to)}: ${describeMessage(e.type, e.message)} #${e.id}${dup}`;
    }
    case 'deliver':
      return `${who(e.to)} received ${e.type} from ${who(e.from)} #${e.id}`;
    case 'drop':
      return `message #${e.id} dropped: ${DROP_REASONS[e.reason] ?? e.reason} (${e.type} ${who(e.from)} → ${who(e.to)})`;
    case 'hold':
      return `message #${e.id} held back`;
    case 'release':
      return `message #${e.id} released`;
    case 'timeout':
      if (e.timer === 'heartbeat') return `${who(e.node)}'s heartbeat timer fired`;
      return e.forced
        ? `${who(e.node)} was made to time out (election timer)`
        : `${who(e.node)}'s election timer fired`;
    case 'role': {
      const leader =
        e.role === 'follower' && e.leaderId !== undefined && e.leaderId !== null
          ? ` (leader ${who(e.leaderId)})`
          : '';
      return `${who(e.node)} became ${e.role} in term ${e.term}${leader}`;
    }
    case 'vote':
      return e.granted
        ? `${who(e.node)} voted for ${who(e.candidate)} in term ${e.term}`
        : `${who(e.node)} refused its vote to ${who(e.candidate)} in term ${e.term}${e.reason ? `: ${VOTE_REASONS[e.reason] ?? e.reason}` : ''}`;
    case 'persist':
      return `${who(e.node)} saved ${persisted(e)}`;
    case 'commit':
      return `${who(e.node)} committed up to entry ${e.commitIndex}`;
    case 'apply': {
      const first = e.entries[0];
      const last = e.entries[e.entries.length - 1];
      if (first === undefined || last === undefined) return `${who(e.node)} applied nothing`;
      if (first === last)
        return `${who(e.node)} applied entry ${first.index}: ${formatCommand(first.command)}`;
      return `${who(e.node)} applied entries ${first.index}–${last.index}`;
    }
    case 'propose':
      return `leader ${who(e.node)} appended ${formatCommand(e.command)} as entry ${e.index} in term ${e.term}`;
    case 'crash':
      return `${who(e.node)} crashed`;
    case 'restart': {
      const vote = e.votedFor === null ? 'no vote' : `voted for ${who(e.votedFor)}`;
      const reload = e.resumedLog === undefined ? '' : ' after a page reload';
      return `${who(e.node)} restarted from its storage${reload}: term ${e.term}, ${vote}, ${count(e.logLength, 'entry', 'entries')}`;
    }
    case 'intervention':
      return `you: ${describeIntervention(e.action, e.args)}`;
    case 'client-call':
      return `${e.client} calls ${callText(e)}`;
    case 'client-return':
      return clientReturn(e, context.call);
    case 'feature':
      return featureSentence(e.node, e.event);
  }
}

function featureSentence(node: NodeId, e: FeatureEvent): string {
  switch (e.type) {
    case 'preVoteStarted':
      return `${who(node)} asked whether it could win term ${e.term} (PreVote), its own term unchanged`;
    case 'preVoted':
      return e.granted
        ? `${who(node)} would vote for ${who(e.candidateId)} in term ${e.term} (PreVote)`
        : `${who(node)} would not vote for ${who(e.candidateId)} in term ${e.term} (PreVote)${e.reason ? `: ${VOTE_REASONS[e.reason] ?? e.reason}` : ''}`;
    case 'steppedDown':
      return `${who(node)} stepped down in term ${e.term}: no majority answered within an election timeout (CheckQuorum)`;
    case 'electionHeldBack':
      return `${who(node)} may not stand before ${e.until} ms: a leader may still be reading on a lease ${who(node)} granted`;
    case 'transferStarted':
      return `${who(node)} is handing leadership to ${who(e.to)} (term ${e.term}): no new commands until it is done`;
    case 'transferAborted':
      return `${who(node)} gave up handing leadership to ${who(e.to)} (term ${e.term}) and takes commands again`;
  }
}

const DROP_REASONS: Record<string, string> = {
  'link-down': 'link down',
  loss: 'lost by the network',
  'receiver-crashed': 'receiver is down',
  user: 'dropped by you',
  malformed: 'malformed',
};

const VOTE_REASONS: Record<string, string> = {
  'stale-term': "the candidate's term is old",
  'already-voted': 'already voted in this term',
  'log-not-up-to-date': "the candidate's log is behind",
  'leader-alive': 'it heard from a leader less than an election timeout ago',
};

/** "S3" for a node (id 2), the id itself for a client (c1). */
export function who(endpoint: Endpoint): string {
  return typeof endpoint === 'number' ? nodeName(endpoint) : String(endpoint);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function range(first: number, last: number, one: string, many: string): string {
  return first === last ? `${one} ${first}` : `${many} ${first}–${last}`;
}

function persisted(e: Extract<TraceEvent, { kind: 'persist' }>): string {
  const parts: string[] = [];
  if (e.hardState !== null) {
    const vote = e.hardState.votedFor === null ? '' : `, vote for ${who(e.hardState.votedFor)}`;
    parts.push(`term ${e.hardState.term}${vote}`);
  }
  if (e.truncateFrom !== null) parts.push(`removed entries from ${e.truncateFrom} on`);
  const first = e.append[0];
  const last = e.append[e.append.length - 1];
  if (first !== undefined && last !== undefined)
    parts.push(range(first.index, last.index, 'entry', 'entries'));
  return parts.length === 0 ? 'its state' : parts.join('; ');
}

type Fields = Record<string, unknown>;

/** A message in a few words: its type and the fields that matter. */
export function describeMessage(type: string, message: unknown): string {
  const m = (typeof message === 'object' && message !== null ? message : {}) as Fields;
  switch (type) {
    case 'RequestVote':
      return Number(m.lastLogIndex) > 0
        ? `RequestVote (term ${m.term}, last entry ${m.lastLogIndex} of term ${m.lastLogTerm})`
        : `RequestVote (term ${m.term}, empty log)`;
    case 'RequestVoteReply':
      return m.voteGranted ? `vote granted (term ${m.term})` : `vote refused (term ${m.term})`;
    case 'PreVote':
      return Number(m.lastLogIndex) > 0
        ? `PreVote (for term ${m.term}, last entry ${m.lastLogIndex} of term ${m.lastLogTerm})`
        : `PreVote (for term ${m.term}, empty log)`;
    case 'PreVoteReply':
      return m.voteGranted
        ? `pre-vote granted (term ${m.term})`
        : `pre-vote refused (term ${m.term})`;
    case 'TimeoutNow':
      return `TimeoutNow (term ${m.term}): stand for election now`;
    case 'InstallSnapshot':
      return `InstallSnapshot (up to entry ${m.lastIncludedIndex} of term ${m.lastIncludedTerm}, from ${m.offset}${m.done ? ', last chunk' : ''})`;
    case 'InstallSnapshotReply':
      return m.done
        ? `snapshot installed (up to entry ${m.lastIncludedIndex})`
        : `snapshot chunk received (has ${m.received})`;
    case 'AppendEntries': {
      const n = entryCount(m);
      const what = n === 0 ? 'heartbeat' : count(n, 'entry', 'entries');
      return `AppendEntries (${what}, commit ${m.leaderCommit})`;
    }
    case 'AppendEntriesReply':
      if (m.success) return `AppendEntries ok (match ${m.matchIndex})`;
      return typeof m.conflictTerm === 'number'
        ? `AppendEntries rejected (conflict at ${m.conflictIndex}, term ${m.conflictTerm})`
        : `AppendEntries rejected (log too short, next ${m.conflictIndex})`;
    case 'ClientRequest': {
      const command = m.command as KvCommand | { op: 'register' } | undefined;
      if (command === undefined || command.op === 'register') return 'register';
      return `request ${formatKvCommand(command)}`;
    }
    case 'ClientReply':
      return describeReply(m);
    default:
      return type;
  }
}

function describeReply(m: Fields): string {
  if (m.status === 'notLeader')
    return typeof m.leaderHint === 'number'
      ? `not leader (try ${who(m.leaderHint)})`
      : 'not leader (no hint)';
  if (m.status === 'registered') return `registered as session ${m.session}`;
  const response = m.response as { ok?: boolean; error?: string } | undefined;
  if (response?.ok === false) return `refused: ${response.error}`;
  return 'done';
}

type Args = readonly unknown[];
const nodeArg = (args: Args, i: number) => who(args[i] as number);

/**
 * How the event log says each action of the one table (sim/interventions.ts), from the
 * arguments the trace records (the harness method's, in order). A new action fails to
 * compile until it has words here. Holds and releases are the harness's own.
 */
const ACTION_WORDS: Readonly<Record<ActionName | 'hold' | 'release', (args: Args) => string>> = {
  crash: (args) => `crash ${nodeArg(args, 0)}`,
  restart: (args) => `restart ${nodeArg(args, 0)}`,
  disconnect: (args) => `disconnect ${nodeArg(args, 0)}`,
  reconnect: (args) => `reconnect ${nodeArg(args, 0)}`,
  expireElectionTimer: (args) => `make ${nodeArg(args, 0)} time out`,
  submit: (args) => `submit ${formatCommand(args[1])} to ${nodeArg(args, 0)}`,
  transferLeadership: (args) => `ask ${nodeArg(args, 0)} to hand leadership to ${nodeArg(args, 1)}`,
  partition: (args) =>
    `partition ${(args as number[][]).map((g) => `{${g.map(who).join(', ')}}`).join(' | ')}`,
  heal: () => 'heal every link',
  setLink: (args) =>
    `${args[2] ? 'restore' : 'cut'} the link ${nodeArg(args, 0)} → ${nodeArg(args, 1)}`,
  setNetwork: (args) => `network ${describeNetwork(args[0])}`,
  dropMessage: (args) => `drop message #${args[0]}`,
  addClient: () => 'add a KV client',
  kv: (args) => `${String(args[0])} sends ${formatCommand(args[1])}`,
  hold: () => 'hold messages back',
  release: () => 'release held messages',
};

/** An intervention in the event log's words ("crash S2"), from the intervention itself. */
export function interventionText(a: Intervention): string {
  return describeIntervention(a.type, argsOf(a));
}

function argsOf(a: Intervention): Args {
  switch (a.type) {
    case 'crash':
    case 'restart':
    case 'disconnect':
    case 'reconnect':
    case 'expireElectionTimer':
      return [a.node];
    case 'submit':
      return [a.node, a.command];
    case 'transferLeadership':
      return [a.from, a.to];
    case 'partition':
      return a.groups;
    case 'heal':
    case 'addClient':
      return [];
    case 'setLink':
      return [a.from, a.to, a.up];
    case 'setNetwork':
      return [a.network];
    case 'dropMessage':
      return [a.id];
    case 'kv':
      return [a.client, a.command];
  }
}

function describeIntervention(action: string, args: Args): string {
  const words = Object.hasOwn(ACTION_WORDS, action)
    ? ACTION_WORDS[action as keyof typeof ACTION_WORDS]
    : undefined;
  return words === undefined ? `${action} ${JSON.stringify(args)}` : words(args);
}

function describeNetwork(value: unknown): string {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Fields;
  const parts: string[] = [];
  if (Array.isArray(o.delayMs)) parts.push(`delay ${o.delayMs[0]}–${o.delayMs[1]} ms`);
  if (typeof o.dropRate === 'number') parts.push(`drop ${percent(o.dropRate)}`);
  if (typeof o.duplicateRate === 'number') parts.push(`duplicate ${percent(o.duplicateRate)}`);
  return parts.length === 0 ? 'unchanged' : parts.join(', ');
}

export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

function callText(c: {
  op: string;
  key: string;
  value?: string;
  expected?: string | null;
}): string {
  const command = {
    op: c.op,
    key: c.key,
    value: c.value ?? '',
    expected: c.expected ?? null,
  } as KvCommand;
  return formatKvCommand(command) ?? `${c.op.toUpperCase()} ${c.key}`;
}

function clientReturn(
  e: Extract<TraceEvent, { kind: 'client-return' }>,
  call: ClientCallEvent | undefined,
): string {
  const matches = call !== undefined && call.client === e.client && call.t === e.call;
  const what = matches ? callText(call) : `${e.op.toUpperCase()} ${e.key}`;
  let outcome: string;
  if (e.outcome === 'ok') {
    const result = formatResult(e.op, e.result);
    outcome = result === '' ? 'ok' : `ok, ${result}`;
  } else if (e.outcome === 'fail') outcome = `failed${e.error ? `: ${e.error}` : ''}`;
  else outcome = `outcome unknown${e.error ? `: ${e.error}` : ''}`;
  const latency = Math.round((e.t - e.call) * 10) / 10;
  const attempts = e.attempts > 1 ? `, ${e.attempts} attempts` : '';
  const served = e.servedBy === undefined ? '' : `, ${SERVED_BY[e.servedBy]}`;
  return `${e.client}: ${what} → ${outcome} (${latency} ms${attempts}${served})`;
}

/** How a GET was served without a log write, as the event log and console say it. */
export const SERVED_BY: Readonly<Record<ServedBy, string>> = {
  readIndex: 'read by ReadIndex, no log entry',
  lease: "read on the leader's lease, no log entry",
};
