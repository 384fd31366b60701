/**
 * Same seed and interventions, same trace: recorded runs of both harnesses (the
 * synchronous one and the live one with asynchronous hosts) hash to values captured
 * before the engine was reshaped. A change here is a change a user can see.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { liveCluster } from '../runtime/testing';
import { Rng } from '../util/rng';
import { createCluster } from './index';
import { runScript } from './script';
import type { ClusterOptions } from './types';

function digest(c: {
  trace(): unknown;
  kvHistory(): unknown;
  violations(): unknown;
  size: number;
  node(id: number): unknown;
  kvState(id: number): unknown;
}): string {
  const nodes = Array.from({ length: c.size }, (_, id) => [c.node(id), c.kvState(id)]);
  const text = JSON.stringify([c.trace(), c.kvHistory(), c.violations(), nodes]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Three nodes through the harness API: crash, restart, partitions, holds, drops, clients. */
function threeNodes(): string {
  const c = createCluster({ nodes: 3, seed: 7 });
  c.runUntil(() => c.leader() !== null, 2000);
  const k = c.kvClient();
  const a = k.set('x', '1');
  c.runUntil(() => a.done, 2000);
  c.submit(c.leader()!, { op: 'raw' });
  c.crash(c.leader()!);
  c.run(400);
  c.restart(0);
  c.restart(1);
  c.restart(2);
  c.partition([0], [1, 2]);
  k.append('x', '2');
  c.run(600);
  c.heal();
  c.hold((m) => m.type === 'AppendEntries');
  c.run(100);
  const held = c.inFlight().find((m) => m.held);
  if (held !== undefined) c.dropMessage(held.id);
  c.release();
  c.setLink(0, 1, false);
  c.expireElectionTimer(2);
  c.setNetwork({ dropRate: 0.2, duplicateRate: 0.1 });
  const b = k.cas('x', '12', '3');
  c.run(1500);
  c.setLink(0, 1, true);
  c.disconnect(1);
  c.run(300);
  c.reconnect(1);
  c.setNetwork({ dropRate: 0, duplicateRate: 0 });
  c.runUntil(() => b.done, 3000);
  c.run(500);
  return digest(c);
}

/** Five nodes, lossy network, random interventions from a seeded stream. */
function fiveNodes(seed: number): string {
  const c = createCluster({ nodes: 5, seed, network: { dropRate: 0.05, duplicateRate: 0.05 } });
  const rng = new Rng(seed + 1);
  const k1 = c.kvClient();
  const k2 = c.kvClient({ attemptTimeoutMs: 80 });
  for (let i = 0; i < 60; i++) {
    c.run(rng.range(5, 150));
    const node = rng.int(0, 4);
    const pick = rng.int(0, 7);
    if (pick === 0) c.crash(node);
    else if (pick === 1) c.restart(node);
    else if (pick === 2) c.partition([0, 1], [2, 3, 4]);
    else if (pick === 3) c.heal();
    else if (pick === 4) k1.append('x', `${i};`);
    else if (pick === 5) k2.get('x');
    else if (pick === 6) c.expireElectionTimer(node);
    else c.step();
  }
  for (let id = 0; id < 5; id++) c.restart(id);
  c.heal();
  c.run(3000);
  return digest(c);
}

async function liveRun(options: ClusterOptions, steps: number): Promise<[string, string]> {
  const live = liveCluster(options);
  await live.start();
  const rng = new Rng(options.seed * 3);
  await live.intervene({ type: 'addClient' });
  for (let i = 0; i < steps; i++) {
    await live.runFor(rng.range(5, 120));
    const node = rng.int(0, options.nodes - 1);
    const pick = rng.int(0, 6);
    if (pick === 0) await live.intervene({ type: 'crash', node });
    else if (pick === 1) await live.intervene({ type: 'restart', node });
    else if (pick === 2) await live.intervene({ type: 'partition', groups: [[0], [1, 2]] });
    else if (pick === 3) await live.intervene({ type: 'heal' });
    else if (pick === 4) {
      const command = { op: 'append' as const, key: 'x', value: `${i};` };
      await live.intervene({ type: 'kv', client: 'c1', command });
    } else if (pick === 5) await live.intervene({ type: 'submit', node, command: `s${i}` });
    else await live.stepOnce();
  }
  for (let id = 0; id < options.nodes; id++) await live.intervene({ type: 'restart', node: id });
  await live.intervene({ type: 'heal' });
  await live.runFor(2000);
  await live.runUntil(() => live.leader() !== null, 1000);
  const replayed = runScript({ options, interventions: live.interventions(), until: live.now });
  return [digest({ ...liveShape(live), size: live.size }), digest(replayed)];
}

function liveShape(live: Awaited<ReturnType<typeof liveCluster>>) {
  return {
    trace: () => live.trace(),
    kvHistory: () => live.kvHistory(),
    violations: () => live.violations(),
    node: (id: number) => live.node(id),
    kvState: (id: number) => live.kvState(id),
  };
}

describe('same seed and interventions, same trace (golden hashes of recorded runs)', () => {
  it('three nodes through the synchronous harness', () => {
    expect(threeNodes()).toBe('b4ea5c7e38ad6af2');
  });

  it('five nodes with a lossy network and random faults', () => {
    expect([fiveNodes(42), fiveNodes(9)]).toEqual(['bae5bb2d15c46c41', '8b54b5f696a805ae']);
  });

  it('the live cluster with asynchronous hosts, and its replay in process', async () => {
    const three = await liveRun({ nodes: 3, seed: 5 }, 40);
    const five = await liveRun(
      { nodes: 5, seed: 77, network: { dropRate: 0.05, duplicateRate: 0.05 } },
      40,
    );
    expect([three, five]).toEqual([
      ['18405631c8e7310f', '18405631c8e7310f'],
      ['800e180df98f75e5', '800e180df98f75e5'],
    ]);
  });
});
