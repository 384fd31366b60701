/**
 * A text scenario opened in the page: run headlessly to record its interventions and
 * their moments, then replayed in the page as a shared run is, paused where it ended.
 */

import { DEFAULT_NETWORK, networkSettings } from '../../sim/network';
import { resolveOptions } from '../../sim/options';
import { runScenario } from '../../sim/scenario-text/runner';
import { SHARE_VERSION, type SharedRun, validateSharedRun } from '../share';

/** Longer texts are refused unread. */
export const SCENARIO_CHARS_MAX = 2_000_000;

export function sharedRunOfScenario(text: string): SharedRun | { problem: string } {
  if (text.length > SCENARIO_CHARS_MAX) return { problem: 'the scenario is too long' };
  let recording: ReturnType<typeof runScenario>['recording'];
  try {
    recording = runScenario(text).recording;
  } catch (e) {
    // A ScenarioError says its line; anything else is the harness refusing the options.
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  if (recording === null)
    return { problem: 'the scenario makes no cluster (no nodes N seed S line)' };
  if (recording.unreplayable !== null) return { problem: recording.unreplayable };
  const o = resolveOptions(recording.options);
  const run = validateSharedRun({
    v: SHARE_VERSION,
    nodes: o.nodes,
    seed: o.seed,
    electionTimeoutMs: [...o.electionTimeoutMs],
    heartbeatMs: o.heartbeatMs,
    network: networkSettings(recording.options.network ?? {}, DEFAULT_NETWORK),
    interventions: recording.interventions,
    until: recording.until,
    entriesPerAppendMax: o.entriesPerAppendMax,
    inflightMax: o.inflightMax,
    ...(o.unsafe.length === 0 ? {} : { unsafe: o.unsafe }),
    ...(o.preVote ? { preVote: true } : {}),
    ...(o.checkQuorum ? { checkQuorum: true } : {}),
    ...(o.readMode === 'log' ? {} : { readMode: o.readMode }),
  });
  return typeof run === 'string'
    ? { problem: run.replace(/^the shared run/, 'the scenario') }
    : run;
}
