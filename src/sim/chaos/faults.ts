/**
 * The one fault injector (chaos runs, KV scenario tests): a kind drawn by weights, then
 * one fault of that kind, applied with random choices from the fault stream. A fault that
 * cannot apply (restart with nothing crashed) does nothing and says so.
 */
import type { Rng } from '../../util/rng';
import type { SimCluster } from '../cluster';
import type { NetworkOptions, NodeId } from '../types';
import { type ChaosOptions, FAULT_KINDS, type FaultKind } from './options';

/** A fault as it happened, for the report and the trace file. */
export interface FaultRecord {
  readonly t: number;
  readonly kind: FaultKind | 'isolateOnCommit';
  /** What it did, e.g. "crash 3", or "skip" when it could not apply. */
  readonly detail: string;
}

/** What the fault schedule knows beyond the cluster's public views. */
export interface FaultState {
  readonly disconnected: Set<NodeId>;
}

/** What bounds the faults: how many nodes may be down at once, how bad the network gets. */
export type FaultBounds = Pick<
  ChaosOptions,
  'crashedMax' | 'dropRateMax' | 'duplicateRateMax' | 'delayMax'
>;

export type FaultWeights = Readonly<Record<FaultKind, number>>;

/** Sum of the weights: a kind can be drawn only when it is above 0. */
export function weightTotal(weights: FaultWeights): number {
  return FAULT_KINDS.reduce((sum, kind) => sum + weights[kind], 0);
}

/** A fault kind drawn by its weight (the total must be above 0). */
export function pickFaultKind(rng: Rng, weights: FaultWeights, total: number): FaultKind {
  let x = rng.next() * total;
  let last: FaultKind = 'heal';
  for (const kind of FAULT_KINDS) {
    const weight = weights[kind];
    if (weight === 0) continue;
    last = kind;
    x -= weight;
    if (x < 0) return kind;
  }
  return last;
}

/** One random fault now: its kind drawn by `weights`; what it did, in words. */
export function injectFault(
  cluster: SimCluster,
  state: FaultState,
  rng: Rng,
  weights: FaultWeights,
  bounds: FaultBounds,
): { kind: FaultKind; detail: string } {
  const kind = pickFaultKind(rng, weights, weightTotal(weights));
  return { kind, detail: applyFault(kind, cluster, state, rng, bounds) };
}

export function applyFault(
  kind: FaultKind,
  cluster: SimCluster,
  state: FaultState,
  rng: Rng,
  o: FaultBounds,
): string {
  switch (kind) {
    case 'crash':
      return crashOne(cluster, rng, o.crashedMax);
    case 'restart':
      return restartOne(cluster, rng);
    case 'partition':
      return partitionRandomly(cluster, rng);
    case 'isolateLeader':
      return isolateLeader(cluster, rng);
    case 'linkCut': {
      if (cluster.size < 2) return 'skip';
      const from = rng.int(0, cluster.size - 1);
      const to = (from + rng.int(1, cluster.size - 1)) % cluster.size;
      cluster.setLink(from, to, false);
      return `cut ${from}->${to}`;
    }
    case 'disconnect': {
      const id = rng.int(0, cluster.size - 1);
      cluster.disconnect(id);
      state.disconnected.add(id);
      return `disconnect ${id}`;
    }
    case 'reconnect': {
      if (state.disconnected.size === 0) return 'skip';
      const id = rng.pick([...state.disconnected]);
      cluster.reconnect(id);
      state.disconnected.delete(id);
      return `reconnect ${id}`;
    }
    case 'heal':
      cluster.heal();
      state.disconnected.clear();
      return 'heal';
    case 'expireElection': {
      const id = rng.int(0, cluster.size - 1);
      cluster.expireElectionTimer(id);
      return `expire ${id}`;
    }
    case 'network':
      return setRandomNetwork(cluster, rng, o);
    case 'transferLeadership': {
      const from = cluster.leader();
      if (from === null || cluster.size < 2) return 'skip';
      const to = (from + rng.int(1, cluster.size - 1)) % cluster.size;
      return cluster.transferLeadership(from, to) ? `transfer ${from}->${to}` : 'skip';
    }
  }
}

function nodesWhere(cluster: SimCluster, alive: boolean): NodeId[] {
  const ids: NodeId[] = [];
  for (let id = 0; id < cluster.size; id++) if (cluster.hostOf(id).alive === alive) ids.push(id);
  return ids;
}

function crashOne(cluster: SimCluster, rng: Rng, crashedMax: number): string {
  const alive = nodesWhere(cluster, true);
  if (alive.length === 0 || cluster.size - alive.length >= crashedMax) return 'skip';
  // Favour the leader now and then: losing it is the interesting crash.
  const leader = cluster.leader();
  const id = leader !== null && rng.chance(0.5) ? leader : rng.pick(alive);
  cluster.crash(id);
  return `crash ${id}`;
}

function restartOne(cluster: SimCluster, rng: Rng): string {
  const crashed = nodesWhere(cluster, false);
  if (crashed.length === 0) return 'skip';
  const id = rng.pick(crashed);
  cluster.restart(id);
  return `restart ${id}`;
}

/** Two or three random groups; a node alone in its group is cut off from all. */
function partitionRandomly(cluster: SimCluster, rng: Rng): string {
  const groupCount = Math.min(cluster.size, rng.int(2, 3));
  const groups: NodeId[][] = Array.from({ length: groupCount }, () => []);
  for (let id = 0; id < cluster.size; id++) groups[rng.int(0, groupCount - 1)]!.push(id);
  const nonEmpty = groups.filter((g) => g.length > 0);
  // Links only: a disconnected node stays disconnected.
  cluster.partition(...nonEmpty);
  return `partition ${nonEmpty.map((g) => `[${g.join(',')}]`).join(' ')}`;
}

/** The leader in a minority (alone, or with a few followers): it keeps leading there. */
function isolateLeader(cluster: SimCluster, rng: Rng): string {
  const leader = cluster.leader();
  return leader === null ? 'skip' : isolate(cluster, leader, rng);
}

/** A node in a minority, alone or with a few others; what it has in flight is lost. */
export function isolate(cluster: SimCluster, id: NodeId, rng: Rng): string {
  if (cluster.size < 3) return 'skip';
  const others: NodeId[] = [];
  for (let other = 0; other < cluster.size; other++) if (other !== id) others.push(other);
  const minority = [id];
  const companionsMax = Math.floor((cluster.size - 1) / 2) - 1;
  for (let k = rng.int(0, Math.max(0, companionsMax)); k > 0; k--) {
    minority.push(others.splice(rng.int(0, others.length - 1), 1)[0]!);
  }
  cluster.partition(minority, others);
  return `isolate [${minority.join(',')}] [${others.join(',')}]`;
}

function setRandomNetwork(cluster: SimCluster, rng: Rng, o: FaultBounds): string {
  const delayMin = rng.int(0, Math.min(10, o.delayMax));
  const opts: NetworkOptions = {
    dropRate: rng.range(0, o.dropRateMax),
    duplicateRate: rng.range(0, o.duplicateRateMax),
    delayMs: [delayMin, rng.int(Math.max(1, delayMin), o.delayMax)],
  };
  cluster.setNetwork(opts);
  return `network drop=${opts.dropRate} duplicate=${opts.duplicateRate} delay=[${opts.delayMs!.join(', ')}]`;
}
