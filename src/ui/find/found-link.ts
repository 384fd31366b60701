/** A found run as a share link's run: it opens, replays to the broken rule and pauses. */
import { chaosNeeds } from '../../raft/unsafe';
import { FAILING_RUN_VERSION, type FailingRun, runOptionsOf } from '../../sim/find/failing-run';
import type { Boot } from '../boot';
import { encodeSharedRun, type SharedRun } from '../share';

export function sharedRunOf(run: FailingRun): SharedRun {
  const o = run.options;
  return {
    nodes: o.nodes,
    seed: o.seed,
    electionTimeoutMs: [o.electionTimeoutMs[0], o.electionTimeoutMs[1]],
    heartbeatMs: o.heartbeatMs,
    network: o.network,
    entriesPerAppendMax: o.entriesPerAppendMax,
    inflightMax: o.inflightMax,
    unsafe: [run.bug],
    interventions: run.interventions,
    until: run.until,
    found: { rule: run.violation.rule, at: run.violation.at },
  };
}

/** This page's address with the found run as its fragment (and no cluster= of this browser). */
export async function foundRunUrl(run: FailingRun, base: string): Promise<string> {
  const url = new URL(base);
  url.search = '';
  url.hash = await encodeSharedRun(sharedRunOf(run));
  return url.toString();
}

/** The found run a page opened from its link, as a run file holds it; null if none. */
export function foundRunOf(boot: Boot): FailingRun | null {
  const c = boot.cluster.config;
  const script = boot.start.script;
  const bug = c.unsafe?.[0];
  if (boot.found === null || script == null || bug === undefined) return null;
  return {
    version: FAILING_RUN_VERSION,
    bug,
    options: runOptionsOf(c),
    interventions: script.interventions,
    until: script.until,
    checkClients: chaosNeeds(bug).kv === true,
    violation: boot.found,
  };
}
