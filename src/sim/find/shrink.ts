/**
 * Shrinks a failing run by delta debugging (Zeller's ddmin): fewer interventions, a
 * shorter run, fewer nodes, a kinder network, keeping every change after which the
 * replay still breaks a rule (any rule: with the switch off, none ever breaks). The
 * budget counts replays, not wall time, so the same run always shrinks to the same run.
 */
import type { NodeId } from '../../raft/types';
import type { Intervention, RecordedIntervention } from '../interventions';
import { type FailingRun, replayVerdict } from './failing-run';

export interface ShrinkSettings {
  /** Most replays to try (each is one test of a smaller run). Default 2000. */
  readonly testsMax?: number;
  /** Asked before each replay: true ends the shrink with the smallest run so far. */
  readonly shouldStop?: () => boolean;
  /** After each replay. */
  readonly onTest?: (progress: ShrinkProgress) => void;
}

export interface ShrinkProgress {
  readonly tests: number;
  readonly interventions: number;
  readonly nodes: number;
  readonly until: number;
}

export interface ShrinkResult {
  readonly run: FailingRun;
  readonly tests: number;
  /** Whether every step ran to its end (false: the budget or a stop cut it short). */
  readonly complete: boolean;
}

export const SHRINK_TESTS_MAX = 2000;
/** Fewest nodes tried: below three, a minority cannot be cut off from a majority. */
const NODES_MIN = 3;

class OutOfBudget extends Error {}

export function shrinkRun(run: FailingRun, settings: ShrinkSettings = {}): ShrinkResult {
  const testsMax = settings.testsMax ?? SHRINK_TESTS_MAX;
  let best = run;
  let tests = 0;
  /** Whether the candidate still fails; if so it becomes the best run. */
  const fails = (candidate: Omit<FailingRun, 'violation'>): boolean => {
    if (tests >= testsMax || settings.shouldStop?.() === true) throw new OutOfBudget();
    tests++;
    const violation = replayVerdict(candidate);
    if (violation !== null) best = endAtViolation({ ...candidate, violation });
    settings.onTest?.({
      tests,
      interventions: best.interventions.length,
      nodes: best.options.nodes,
      until: best.until,
    });
    return violation !== null;
  };
  let complete = true;
  try {
    best = endAtViolation(best);
    for (let round = 0; round < 2; round++) {
      const before = size(best);
      // First, since a shorter run makes every later replay cheaper.
      if (best.checkClients) shortenRun(best, fails);
      dropInterventions(best, fails);
      fewerNodes(best, fails);
      kinderNetwork(best, fails);
      if (size(best) === before) break;
    }
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
    complete = false;
  }
  return { run: withoutIdleCalls(best), tests, complete };
}

function size(run: FailingRun): number {
  return run.interventions.length * 100 + run.options.nodes;
}

/** A run broken by an invariant needs nothing after the moment it broke. */
function endAtViolation(run: FailingRun): FailingRun {
  if (run.checkClients) return run;
  const at = run.violation.at;
  return { ...run, until: at, interventions: run.interventions.filter((r) => r.at <= at) };
}

type Fails = (candidate: Omit<FailingRun, 'violation'>) => boolean;

/** ddmin over the interventions: each chunk alone, then everything but each chunk. */
function dropInterventions(start: FailingRun, fails: Fails): void {
  let items = start.interventions;
  let n = 2;
  const test = (subset: readonly RecordedIntervention[]) =>
    fails({ ...start, interventions: subset });
  while (items.length >= 2) {
    const chunk = Math.ceil(items.length / n);
    const chunks: RecordedIntervention[][] = [];
    for (let i = 0; i < items.length; i += chunk) chunks.push(items.slice(i, i + chunk));
    let reduced = false;
    if (n > 2 || chunks.length === 2) {
      for (const c of chunks) {
        if (c.length < items.length && test(c)) {
          items = c;
          n = 2;
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      for (let i = 0; i < chunks.length && !reduced; i++) {
        const complement = chunks.filter((_, j) => j !== i).flat();
        if (test(complement)) {
          items = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
        }
      }
    }
    if (!reduced) {
      if (n >= items.length) break;
      n = Math.min(n * 2, items.length);
    }
  }
  if (items.length === 1) test([]);
}

/** For a client-history anomaly: the earliest end at which the history is already wrong. */
function shortenRun(start: FailingRun, fails: Fails): void {
  let lo = 0;
  let hi = start.until;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = {
      ...start,
      until: mid,
      interventions: start.interventions.filter((r) => r.at <= mid),
    };
    if (fails(candidate)) hi = mid;
    else lo = mid;
  }
}

/** The same interventions on fewer nodes: those that name a node past the last are left out. */
function fewerNodes(start: FailingRun, fails: Fails): void {
  for (let nodes = Math.min(NODES_MIN, start.options.nodes); nodes < start.options.nodes; nodes++) {
    const interventions: RecordedIntervention[] = [];
    for (const rec of start.interventions) {
      const action = onNodes(rec.action, nodes);
      if (action !== null) interventions.push({ at: rec.at, action });
    }
    if (fails({ ...start, options: { ...start.options, nodes }, interventions })) return;
  }
}

/** An intervention on the first `nodes` nodes only, or null if nothing of it is left. */
export function onNodes(action: Intervention, nodes: number): Intervention | null {
  const ok = (id: NodeId) => id < nodes;
  switch (action.type) {
    case 'crash':
    case 'restart':
    case 'expireElectionTimer':
    case 'disconnect':
    case 'reconnect':
    case 'submit':
      return ok(action.node) ? action : null;
    case 'setLink':
      return ok(action.from) && ok(action.to) ? action : null;
    case 'partition': {
      const groups = action.groups.map((g) => g.filter(ok)).filter((g) => g.length > 0);
      return groups.length > 1 ? { type: 'partition', groups } : null;
    }
    case 'addClient': {
      if (action.pinnedTo === undefined || ok(action.pinnedTo)) return action;
      const { pinnedTo: _, ...rest } = action;
      return rest;
    }
    default:
      return action;
  }
}

/** Each setNetwork without losses, then without duplicates, where the run still fails. */
function kinderNetwork(start: FailingRun, fails: Fails): void {
  let current = start;
  for (const field of ['dropRate', 'duplicateRate'] as const) {
    for (let i = 0; i < current.interventions.length; i++) {
      const rec = current.interventions[i]!;
      if (rec.action.type !== 'setNetwork' || !(rec.action.network[field]! > 0)) continue;
      const kinder: RecordedIntervention = {
        at: rec.at,
        action: { type: 'setNetwork', network: { ...rec.action.network, [field]: 0 } },
      };
      const interventions = current.interventions.map((r, j) => (j === i ? kinder : r));
      const candidate = { ...current, interventions };
      if (fails(candidate)) current = { ...candidate, violation: current.violation };
    }
  }
}

/**
 * Without the calls of clients the shrinker removed: the replay skips them (there is no
 * such client), so the run is the same without them. Clients are c1, c2, … by creation.
 */
function withoutIdleCalls(run: FailingRun): FailingRun {
  let clients = 0;
  const interventions = run.interventions.filter((rec) => {
    if (rec.action.type === 'addClient') clients++;
    if (rec.action.type !== 'kv') return true;
    const n = /^c(\d+)$/.exec(rec.action.client);
    return n !== null && Number(n[1]) <= clients;
  });
  return { ...run, interventions };
}
