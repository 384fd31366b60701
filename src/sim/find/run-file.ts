/**
 * A failing run as a file (chaos --shrink --out, the page's "Save run"): JSON, read back
 * as untrusted input, so every field is checked and a bad file gets a sentence, not a
 * crash.
 */
import { HARNESS_NODES_MAX } from '../../defaults';
import { isUnsafeSwitch, UNSAFE_SWITCH_NAMES } from '../../raft/unsafe';
import {
  currentIntervention,
  interventionProblem,
  type RecordedIntervention,
} from '../interventions';
import { DEFAULT_NETWORK, networkSettings } from '../network';
import { FAILING_RUN_VERSION, type FailingRun, type FailingRunOptions } from './failing-run';

/** Most interventions a run file may hold (a chaos run records a few thousand at most). */
export const RUN_FILE_INTERVENTIONS_MAX = 50_000;

export function formatRunFile(run: FailingRun): string {
  return `${JSON.stringify(run, null, 1)}\n`;
}

/** The run in the text, or a sentence saying what is wrong with it. */
export function parseRunFile(text: string): FailingRun | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the run file is not JSON';
  }
  const v = value as Partial<FailingRun> | null;
  if (typeof v !== 'object' || v === null) return 'the run file holds no run';
  if (v.version !== FAILING_RUN_VERSION)
    return `the run file is version ${String(v.version)}; this playground reads version ${FAILING_RUN_VERSION}`;
  if (!isUnsafeSwitch(v.bug))
    return `the run file names no known switch (the switches are ${UNSAFE_SWITCH_NAMES.join(', ')})`;
  const options = optionsProblem(v.options);
  if (typeof options === 'string') return `the run file's options: ${options}`;
  if (!Array.isArray(v.interventions)) return 'the run file has no list of interventions';
  if (v.interventions.length > RUN_FILE_INTERVENTIONS_MAX)
    return `the run file has more than ${RUN_FILE_INTERVENTIONS_MAX} interventions`;
  const interventions: RecordedIntervention[] = [];
  let last = 0;
  for (const [i, rec] of v.interventions.entries()) {
    const at = (rec as { at?: unknown } | null)?.at;
    if (typeof at !== 'number' || !Number.isFinite(at) || at < last)
      return `intervention ${i + 1} has no time, or one before the one above it`;
    const action = currentIntervention((rec as RecordedIntervention).action ?? ({} as never));
    const problem =
      action.type === 'kv' && typeof action.client === 'string'
        ? null
        : interventionProblem(action, options.nodes, []);
    if (problem !== null) return `intervention ${i + 1}: ${problem}`;
    if (action.type === 'setNetwork') {
      try {
        networkSettings(action.network, DEFAULT_NETWORK);
      } catch (e) {
        return `intervention ${i + 1}: ${(e as Error).message}`;
      }
    }
    interventions.push({ at, action });
    last = at;
  }
  if (typeof v.until !== 'number' || !(v.until >= last))
    return 'the run file has no end time after its last intervention';
  if (typeof v.checkClients !== 'boolean')
    return 'the run file does not say whether to check clients';
  const violation = v.violation;
  if (typeof violation?.rule !== 'string' || typeof violation.at !== 'number')
    return 'the run file does not say which rule the run breaks';
  return {
    version: FAILING_RUN_VERSION,
    bug: v.bug,
    options,
    interventions,
    until: v.until,
    checkClients: v.checkClients,
    violation: { rule: violation.rule, at: violation.at },
  };
}

function optionsProblem(value: unknown): FailingRunOptions | string {
  const o = value as Partial<FailingRunOptions> | null;
  if (typeof o !== 'object' || o === null) return 'missing';
  if (!Number.isInteger(o.nodes) || o.nodes! < 1 || o.nodes! > HARNESS_NODES_MAX)
    return `nodes must be from 1 to ${HARNESS_NODES_MAX}`;
  if (!Number.isSafeInteger(o.seed)) return 'the seed must be an integer';
  const e = o.electionTimeoutMs;
  if (!Array.isArray(e) || e.length !== 2 || !(e[0] > 0) || !(e[1] >= e[0]))
    return 'electionTimeoutMs must be [min, max] with 0 < min <= max';
  if (typeof o.heartbeatMs !== 'number' || !(o.heartbeatMs > 0) || !Number.isFinite(o.heartbeatMs))
    return 'heartbeatMs must be a number above 0';
  for (const name of ['entriesPerAppendMax', 'inflightMax'] as const)
    if (!Number.isInteger(o[name]) || !(o[name]! > 0))
      return `${name} must be a whole number above 0`;
  const n = o.network;
  if (
    typeof n !== 'object' ||
    n === null ||
    !Array.isArray(n.delayMs) ||
    !(n.delayMs[0]! >= 0) ||
    !(n.delayMs[1]! >= n.delayMs[0]!) ||
    !(n.dropRate >= 0 && n.dropRate <= 1) ||
    !(n.duplicateRate >= 0 && n.duplicateRate <= 1)
  )
    return 'the network settings are malformed';
  return {
    nodes: o.nodes!,
    seed: o.seed!,
    electionTimeoutMs: [e[0], e[1]],
    heartbeatMs: o.heartbeatMs!,
    entriesPerAppendMax: o.entriesPerAppendMax!,
    inflightMax: o.inflightMax!,
    network: {
      delayMs: [n.delayMs[0]!, n.delayMs[1]!],
      dropRate: n.dropRate,
      duplicateRate: n.duplicateRate,
    },
  };
}
