/**
 * GETs served three ways (§6.4): as log entries, by ReadIndex, and from the leader's lease.
 * Closed loop: `CLIENTS` KV clients each keep one GET outstanding; the cluster runs one
 * virtual millisecond per turn. Latency and throughput are in virtual time (what a reader
 * of the page sees); the log growth per GET says what each way writes.
 */
import type { KvClient, KvOp, ReadMode } from '../../src/sim/index';
import { createCluster } from '../../src/sim/index';
import type { BenchRow, BenchSection } from '../types';

const CLIENTS = 8;
const GETS = 20_000;
const WARMUP_GETS = 1_000;
const VIRTUAL_MS_MAX = 10_000_000;

const MODES: ReadonlyArray<{ readonly mode: ReadMode; readonly checkQuorum: boolean }> = [
  { mode: 'log', checkQuorum: false },
  { mode: 'readIndex', checkQuorum: false },
  { mode: 'lease', checkQuorum: true },
];

export function benchReads(): BenchSection {
  return {
    name: 'reads',
    description: `GET by log entry, ReadIndex and lease: ${CLIENTS} clients, one GET outstanding each, 5 nodes, reliable network [1, 5] ms, ${GETS} GETs measured after ${WARMUP_GETS}`,
    rows: MODES.map(({ mode, checkQuorum }) => measure(mode, checkQuorum)),
  };
}

function measure(readMode: ReadMode, checkQuorum: boolean): BenchRow {
  const cluster = createCluster({
    nodes: 5,
    seed: 1,
    traceEventsMax: 0,
    checkInvariants: false,
    readMode,
    checkQuorum,
  });
  const writer = cluster.kvClient();
  const set = writer.set('x', '1');
  if (!cluster.runUntil(() => set.done, VIRTUAL_MS_MAX) || set.outcome !== 'ok') {
    throw new Error(`${readMode}: the first SET did not succeed`);
  }
  const clients: KvClient[] = Array.from({ length: CLIENTS }, () => cluster.kvClient());
  const current: Array<{ op: KvOp; at: number } | null> = clients.map(() => null);
  const latencies: number[] = [];
  const served = new Map<string, number>();
  let completed = 0;
  let startedAt = 0;
  let logAtStart = 0;
  const wallStart = performance.now();
  let wallMeasured = 0;
  const leaderLog = () => {
    const leader = cluster.leader();
    return leader === null ? 0 : cluster.hostOf(leader).raft!.lastIndex;
  };
  for (let turn = 0; completed < WARMUP_GETS + GETS; turn++) {
    if (turn > VIRTUAL_MS_MAX) throw new Error(`${readMode}: stalled at ${completed} GETs`);
    for (const [i, client] of clients.entries()) {
      const cur = current[i];
      if (cur !== null && !cur.op.done) continue;
      if (cur !== null) {
        if (cur.op.outcome !== 'ok') throw new Error(`${readMode}: a GET failed: ${cur.op.error}`);
        completed++;
        if (completed === WARMUP_GETS) {
          startedAt = cluster.now;
          logAtStart = leaderLog();
          wallMeasured = performance.now();
        } else if (completed > WARMUP_GETS) {
          latencies.push(cluster.now - cur.at);
          const how = cur.op.servedBy ?? 'log';
          served.set(how, (served.get(how) ?? 0) + 1);
        }
      }
      current[i] = { op: client.get('x'), at: cluster.now };
    }
    cluster.run(1);
  }
  const virtualMs = cluster.now - startedAt;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return {
    name: readMode,
    figures: {
      'GET p50 virtual ms': round(pct(0.5)),
      'GET p99 virtual ms': round(pct(0.99)),
      'GETs per virtual s': Math.round((latencies.length / virtualMs) * 1000),
      'log entries per GET': round((leaderLog() - logAtStart) / latencies.length),
      'served by': [...served].map(([how, n]) => `${how} ${n}`).join(', '),
      'wall ms': Math.round(performance.now() - wallMeasured),
      'wall ms incl. warm-up': Math.round(performance.now() - wallStart),
    },
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
