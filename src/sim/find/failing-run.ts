/**
 * A failing run as data: the cluster's options with one rule of Raft switched off, the
 * interventions with their times, and the rule it breaks. Replaying it in process gives
 * the same verdict every time (it is the cluster's seed and these interventions only).
 * With the switch off (`switchOn: false`), the same interventions break nothing.
 */
import { checkLinearizability } from '../../check/linearizability/check';
import { ENTRIES_PER_APPEND_MAX, INFLIGHT_MAX } from '../../defaults';
import type { UnsafeSwitch } from '../../raft/unsafe';
import { SimCluster } from '../cluster';
import { interventionProblem, type RecordedIntervention } from '../interventions';
import type { NetworkOptions } from '../network';

export const FAILING_RUN_VERSION = 1;

/** The options a failing run's cluster is built with (what a share link can carry too). */
export interface FailingRunOptions {
  readonly nodes: number;
  readonly seed: number;
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
  readonly entriesPerAppendMax: number;
  readonly inflightMax: number;
  readonly network: Required<NetworkOptions>;
}

/** A cluster's settings (a config, a shared run) as a failing run's options, defaults filled in. */
export function runOptionsOf(
  s: Omit<FailingRunOptions, 'entriesPerAppendMax' | 'inflightMax'> & {
    readonly entriesPerAppendMax?: number;
    readonly inflightMax?: number;
  },
): FailingRunOptions {
  return {
    nodes: s.nodes,
    seed: s.seed,
    electionTimeoutMs: s.electionTimeoutMs,
    heartbeatMs: s.heartbeatMs,
    entriesPerAppendMax: s.entriesPerAppendMax ?? ENTRIES_PER_APPEND_MAX,
    inflightMax: s.inflightMax ?? INFLIGHT_MAX,
    network: s.network,
  };
}

/** The first rule a run broke, as the checker words it, and when (virtual ms). */
export interface Violation {
  readonly rule: string;
  readonly at: number;
}

export interface FailingRun {
  readonly version: typeof FAILING_RUN_VERSION;
  readonly bug: UnsafeSwitch;
  readonly options: FailingRunOptions;
  readonly interventions: readonly RecordedIntervention[];
  /** The replay stops here (virtual ms), or at the first broken invariant before it. */
  readonly until: number;
  /** Also check what KV clients saw (linearizability) when the replay ends. */
  readonly checkClients: boolean;
  readonly violation: Violation;
}

/** Wall ms the linearizability check may take per replay before it says "unknown". */
export const CLIENT_CHECK_BUDGET_MS = 500;

/**
 * Replays the run and returns the first rule it breaks, or null. Interventions that cannot
 * apply (a call from a client the shrinker removed) are left out, as a replay must.
 */
export function replayVerdict(
  run: Omit<FailingRun, 'violation'>,
  { switchOn = true }: { readonly switchOn?: boolean } = {},
): Violation | null {
  const cluster = new SimCluster({
    ...run.options,
    electionTimeoutMs: [run.options.electionTimeoutMs[0], run.options.electionTimeoutMs[1]],
    unsafe: switchOn ? [run.bug] : [],
    traceEventsMax: 0,
    checkInvariants: true,
  });
  const broken = () => cluster.violationCount > 0;
  const runTo = (t: number) => cluster.runUntil(broken, Math.max(0, t - cluster.now));
  for (const rec of run.interventions) {
    if (rec.at > run.until || runTo(rec.at)) break;
    if (interventionProblem(rec.action, cluster.size, cluster.kvClientIds()) !== null) continue;
    cluster.replay({ at: rec.at, action: rec.action });
    if (broken()) break;
  }
  if (!broken()) runTo(run.until);
  if (broken()) return { rule: cluster.violations()[0]!, at: cluster.now };
  if (!run.checkClients) return null;
  const checked = checkLinearizability(cluster.kvHistory(), { budgetMs: CLIENT_CHECK_BUDGET_MS });
  return checked.verdict === 'illegal'
    ? { rule: `KV history not linearizable: ${checked.message}`, at: cluster.now }
    : null;
}
