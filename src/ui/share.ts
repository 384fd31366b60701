/**
 * Share links: the config, the seed and every intervention with its moment, packed into
 * the URL's fragment (#run=...). Replaying them reproduces the run exactly.
 */

import { APP_NODES_MAX, APP_NODES_MIN } from '../defaults';
import { isUnsafeSwitch, type UnsafeSwitch } from '../raft/unsafe';
import {
  currentIntervention,
  interventionProblem,
  type RecordedIntervention,
} from '../sim/interventions';
import type { NetworkOptions } from '../sim/network';
import type { RunStart } from '../sim/script';
import { nodeName } from '../util/node-name';
import { packJson, unpackText } from '../util/packed';

export const SHARE_VERSION = 1;

export interface SharedRun {
  readonly nodes: number;
  readonly seed: number;
  readonly electionTimeoutMs: [number, number];
  readonly heartbeatMs: number;
  readonly network: Required<NetworkOptions>;
  readonly interventions: readonly RecordedIntervention[];
  /** The virtual time the link was made at: the replay stops there. */
  readonly until: number;
  /** A run that resumed from storage (after a reload) begins here instead of empty at 0. */
  readonly start?: RunStart;
  /** Rules of Raft switched off in this run (raft/unsafe.ts). */
  readonly unsafe?: readonly UnsafeSwitch[];
  readonly entriesPerAppendMax?: number;
  readonly inflightMax?: number;
  /** Features past the core Raft (runtime/cluster-config.ts); absent when off. */
  readonly preVote?: true;
  readonly checkQuorum?: true;
  readonly readMode?: 'readIndex' | 'lease';
  /** A run the failure finder found: the rule it breaks, and when. */
  readonly found?: FoundNote;
}

/** What a found run's link says about it, for the panel that explains it. */
export interface FoundNote {
  readonly rule: string;
  readonly at: number;
}

/** Log entries a link may carry in its starting state (all nodes together). */
export const SHARE_START_ENTRIES_MAX = 5000;

export async function encodeSharedRun(run: SharedRun): Promise<string> {
  return `run=${await packJson({ v: SHARE_VERSION, ...run })}`;
}

/** The run in a URL fragment, or a sentence saying why it cannot be used; null if none. */
export async function decodeSharedRun(hash: string): Promise<SharedRun | string | null> {
  const match = /^#?run=([A-Za-z0-9_-]+)$/.exec(hash);
  if (match === null)
    return hash.replace(/^#/, '') === '' ? null : 'the link fragment is not a shared run';
  let value: unknown;
  try {
    value = JSON.parse(await unpackText(match[1]!));
  } catch {
    return 'the shared run in this link is damaged';
  }
  return validateSharedRun(value);
}

/** A shared run read from anywhere (a link, a trace file), or a sentence saying why not. */
export function validateSharedRun(value: unknown): SharedRun | string {
  const v = value as Partial<SharedRun> & { v?: unknown };
  if (typeof v !== 'object' || v === null || v.v !== SHARE_VERSION)
    return 'the shared run is from another version';
  if (!Number.isInteger(v.nodes) || v.nodes! < APP_NODES_MIN || v.nodes! > APP_NODES_MAX)
    return 'the shared run has a bad node count';
  if (!Number.isInteger(v.seed)) return 'the shared run has a bad seed';
  if (!Array.isArray(v.interventions) || typeof v.until !== 'number')
    return 'the shared run is incomplete';
  const interventions: RecordedIntervention[] = [];
  for (const rec of v.interventions) {
    if (typeof rec?.at !== 'number' || typeof rec.action !== 'object' || rec.action === null)
      return 'the shared run has a malformed step';
    const action = currentIntervention(rec.action);
    const problem = action.type === 'kv' ? null : interventionProblem(action, v.nodes!, []);
    if (problem !== null) return `the shared run has a bad step: ${problem}`;
    interventions.push({ ...rec, action });
  }
  const e = v.electionTimeoutMs;
  if (!Array.isArray(e) || e.length !== 2 || !(e[0] > 0) || !(e[1] >= e[0]))
    return 'the shared run has bad timeouts';
  if (!(typeof v.heartbeatMs === 'number' && v.heartbeatMs > 0))
    return 'the shared run has a bad heartbeat';
  if (typeof v.network !== 'object' || v.network === null)
    return 'the shared run has no network settings';
  const start = v.start === undefined ? null : startProblem(v.start, v.nodes!, v.until);
  if (start !== null) return `the shared run's starting state is unusable: ${start}`;
  if (v.unsafe !== undefined && (!Array.isArray(v.unsafe) || !v.unsafe.every(isUnsafeSwitch)))
    return 'the shared run names an unknown safety switch';
  for (const name of ['entriesPerAppendMax', 'inflightMax'] as const)
    if (v[name] !== undefined && !(Number.isInteger(v[name]) && v[name]! > 0))
      return `the shared run has a bad ${name}`;
  if (v.preVote !== undefined && v.preVote !== true) return 'the shared run has a bad preVote';
  if (v.checkQuorum !== undefined && v.checkQuorum !== true)
    return 'the shared run has a bad checkQuorum';
  const mode = v.readMode as unknown;
  if (mode !== undefined && mode !== 'readIndex' && mode !== 'lease')
    return 'the shared run has an unknown read mode';
  if (mode === 'lease' && v.checkQuorum !== true)
    return 'the shared run reads on leases without CheckQuorum';
  const f = v.found;
  if (f !== undefined && (typeof f?.rule !== 'string' || typeof f.at !== 'number'))
    return 'the shared run has a malformed finding';
  return {
    nodes: v.nodes!,
    seed: v.seed!,
    electionTimeoutMs: [e[0], e[1]],
    heartbeatMs: v.heartbeatMs,
    network: v.network,
    interventions,
    until: v.until,
    ...(v.start === undefined ? {} : { start: v.start }),
    ...(v.unsafe === undefined || v.unsafe.length === 0 ? {} : { unsafe: v.unsafe }),
    ...(v.entriesPerAppendMax === undefined ? {} : { entriesPerAppendMax: v.entriesPerAppendMax }),
    ...(v.inflightMax === undefined ? {} : { inflightMax: v.inflightMax }),
    ...(v.preVote === true ? { preVote: true } : {}),
    ...(v.checkQuorum === true ? { checkQuorum: true } : {}),
    ...(v.readMode === undefined ? {} : { readMode: v.readMode }),
    ...(f === undefined ? {} : { found: { rule: f.rule.slice(0, 2000), at: f.at } }),
  };
}

/** Why a link's starting state cannot be used (the nodes' durable state), or null. */
export function startProblem(start: unknown, nodes: number, until: number): string | null {
  const s = start as Partial<RunStart> | null;
  if (typeof s !== 'object' || s === null) return 'it is not an object';
  if (typeof s.t !== 'number' || !Number.isFinite(s.t) || s.t < 0 || s.t > until)
    return 'its time is not between 0 and the end of the run';
  if (!Array.isArray(s.state) || s.state.length !== nodes) return `it needs one state per node`;
  let entries = 0;
  for (const [id, node] of s.state.entries()) {
    const h = node?.hardState;
    if (typeof h !== 'object' || h === null || !Number.isInteger(h.term) || h.term < 0)
      return `${nodeName(id)} has a malformed term`;
    if (
      h.votedFor !== null &&
      !(Number.isInteger(h.votedFor) && h.votedFor >= 0 && h.votedFor < nodes)
    )
      return `${nodeName(id)} has a malformed vote`;
    if (!Array.isArray(node.log)) return `${nodeName(id)} has no log`;
    entries += node.log.length;
    if (entries > SHARE_START_ENTRIES_MAX)
      return `it holds more than ${SHARE_START_ENTRIES_MAX} log entries`;
    let term = 0;
    for (const [i, e] of node.log.entries()) {
      if (typeof e !== 'object' || e === null || e.index !== i + 1 || !Number.isInteger(e.term))
        return `log entry ${i + 1} of ${nodeName(id)} is malformed`;
      if (e.term < term || e.term > h.term)
        return `log entry ${i + 1} of ${nodeName(id)} has a term out of order`;
      term = e.term;
    }
  }
  return null;
}
