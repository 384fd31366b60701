/**
 * A failing run as a text scenario (issue 11): the cluster's options on the `nodes` line,
 * each intervention at its moment (`run MS`, then the command), and the broken rule as
 * the last `expect`. The output under each block is what the run prints, so the file is a
 * golden scenario: put it in src/sim/scenario-text/testdata/ and `npm run scenarios`
 * replays it.
 */
import type { KvCommand } from '../../kv/types';
import { UNSAFE_SWITCHES, type UnsafeSwitch } from '../../raft/unsafe';
import { roundTime } from '../../util/time';
import {
  type Intervention,
  interventionProblem,
  type RecordedIntervention,
} from '../interventions';
import type { NetworkOptions } from '../network';
import { formatScenario, parseScenario, SEPARATOR } from '../scenario-text/parse';
import { word } from '../scenario-text/render';
import { runScenario } from '../scenario-text/runner';
import type { FailingRun, FailingRunOptions } from './failing-run';

/** How replayVerdict words a history the linearizability checker refused. */
const LINEARIZABILITY = 'KV history not linearizable';

/** A recorded run, from the failure finder or from the page: what a scenario replays. */
export interface RecordedRun {
  readonly options: FailingRunOptions;
  readonly unsafe: UnsafeSwitch | null;
  readonly interventions: readonly RecordedIntervention[];
}

export function scenarioOfRun(run: FailingRun): string {
  const spec = UNSAFE_SWITCHES[run.bug];
  const comments = [
    `# Found by the failure finder: with ${run.bug} on (${spec.title}, ${spec.section}),`,
    `# ${run.violation.rule}`,
    '# Put this file in src/sim/scenario-text/testdata/ and `npm run scenarios` replays it.',
  ];
  const stop = run.violation.at;
  return scenarioText({ ...run, unsafe: run.bug }, comments, stop, (now) => {
    if (!run.violation.rule.startsWith(LINEARIZABILITY))
      return [
        `run until violated ${ruleName(run.violation.rule)} within ${Math.max(1, roundTime(stop - now) + 1)}`,
      ];
    return [
      ...(stop > now ? [`run ${roundTime(stop - now)}`] : []),
      'expect violated linearizability',
    ];
  });
}

/**
 * A run of the page as a text scenario, up to `until`. The scenario replays each
 * intervention at its moment (events due by then first), so its trace is the text's own.
 */
export function scenarioOfRecordedRun(run: RecordedRun, until: number): string {
  const comments = [
    '# A run of the Raft playground as a text scenario: put it in',
    '# src/sim/scenario-text/testdata/ and `npm run scenarios` replays it.',
  ];
  return scenarioText(run, comments, until, (now) =>
    until > now ? [`run ${roundTime(until - now)}`] : [],
  );
}

function scenarioText(
  run: RecordedRun,
  comments: readonly string[],
  stop: number,
  ending: (now: number) => string[],
): string {
  const o = run.options;
  const head = [
    ...comments,
    [
      `nodes ${o.nodes} seed ${o.seed}`,
      networkWords(o.network),
      `election ${o.electionTimeoutMs[0]}-${o.electionTimeoutMs[1]}`,
      `heartbeat ${o.heartbeatMs}`,
      `entries-per-append ${o.entriesPerAppendMax}`,
      `inflight ${o.inflightMax}`,
      run.unsafe === null ? '' : `unsafe ${run.unsafe}`,
    ]
      .filter((w) => w !== '')
      .join(' '),
  ];
  const blocks: string[][] = [];
  let block = head;
  let now = 0;
  let clients = 0;
  for (const rec of run.interventions) {
    if (rec.at > stop) break;
    // As a replay does, leave out what cannot apply (a call from a client shrunk away).
    const made = Array.from({ length: clients }, (_, i) => `c${i + 1}`);
    if (interventionProblem(rec.action, o.nodes, made) !== null) continue;
    // A block per moment: what happens at one instant shares one output.
    const wait = roundTime(rec.at - now);
    if (wait > 0) {
      if (block.length > 0) blocks.push(block);
      block = [`run ${wait}`];
    }
    now = rec.at;
    if (rec.action.type === 'addClient') clients++;
    block.push(commandOf(rec.action, clients));
  }
  if (block.length > 0) blocks.push(block);
  const last = ending(now);
  if (last.length > 0) blocks.push(last);
  const text = `${blocks.map((b) => [...b, SEPARATOR, ''].join('\n')).join('\n')}`;
  // The outputs come from running the text itself, so the file replays as written.
  const played = runScenario(text);
  return formatScenario(parseScenario(text), played.outputs);
}

/** The broken rule's name: the checker's sentence up to its first colon. */
function ruleName(sentence: string): string {
  const colon = sentence.indexOf(':');
  return colon < 0 ? sentence : sentence.slice(0, colon);
}

function networkWords(n: Required<NetworkOptions>): string {
  return `delay ${n.delayMs[0]}-${n.delayMs[1]} loss ${n.dropRate} dup ${n.duplicateRate}`;
}

const node = (id: number) => String(id + 1);

/** The scenario command for one intervention; `clients` counts those made so far. */
function commandOf(a: Intervention, clients: number): string {
  switch (a.type) {
    case 'crash':
    case 'restart':
    case 'disconnect':
    case 'reconnect':
      return `${a.type} ${node(a.node)}`;
    case 'expireElectionTimer':
      return `timeout ${node(a.node)}`;
    case 'submit':
      return `submit ${node(a.node)} ${commandWord(a.command)}`;
    case 'transferLeadership':
      return `transfer ${node(a.from)} ${node(a.to)}`;
    case 'partition':
      return `partition ${a.groups
        .filter((g) => g.length > 0)
        .map((g) => g.map(node).join(','))
        .join(' | ')}`;
    case 'heal':
      return 'heal';
    case 'setLink':
      return `${a.up ? 'mend' : 'cut'} ${node(a.from)} ${node(a.to)}`;
    case 'setNetwork': {
      const n = a.network;
      return [
        'network',
        n.delayMs === undefined ? '' : `delay ${n.delayMs[0]}-${n.delayMs[1]}`,
        n.dropRate === undefined ? '' : `loss ${n.dropRate}`,
        n.duplicateRate === undefined ? '' : `dup ${n.duplicateRate}`,
      ]
        .filter((w) => w !== '')
        .join(' ');
    }
    case 'dropMessage':
      return `drop message ${a.id}`;
    case 'addClient':
      return [
        `client c${clients}`,
        a.attemptTimeoutMs === undefined ? '' : `attempt ${a.attemptTimeoutMs}`,
        a.deadlineMs === undefined ? '' : `deadline ${a.deadlineMs}`,
        a.pinnedTo === undefined ? '' : `pinned ${node(a.pinnedTo)}`,
      ]
        .filter((w) => w !== '')
        .join(' ');
    case 'kv':
      return `kv ${a.client} ${kvWords(a.command)}`;
  }
}

/** A submitted command as one word: a string as a word, anything else as JSON. */
function commandWord(command: unknown): string {
  // Words that would read as JSON or as cmd-{1..20} cannot be written as themselves.
  if (typeof command === 'string' && !/^[[{]|\{\d+\.\.\d+\}/.test(command)) return word(command);
  const json = typeof command === 'object' && command !== null ? JSON.stringify(command) : '';
  if (json !== '' && !/\s/.test(json)) return json;
  throw new Error(
    `this run submits ${JSON.stringify(command)}, which a text scenario cannot write`,
  );
}

function kvWords(c: KvCommand): string {
  switch (c.op) {
    case 'get':
    case 'del':
      return `${c.op} ${word(c.key)}`;
    case 'set':
    case 'append':
      return `${c.op} ${word(c.key)} ${word(c.value)}`;
    case 'cas':
      if (c.expected === 'none')
        throw new Error(
          'this run compares with the value "none", which a text scenario cannot write',
        );
      return `cas ${word(c.key)} ${c.expected === null ? 'none' : word(c.expected)} ${word(c.value)}`;
  }
}
