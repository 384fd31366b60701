import { expect, test } from '@playwright/test';
import { committedPrefix, intervene, runFor, runUntil, state, waitForState } from './helpers';

test.describe('browser runtime: Web Worker nodes, MessageChannel network, IndexedDB', () => {
  test('five worker nodes elect a leader and commit; a crashed node restarts from IndexedDB', async ({
    page,
  }) => {
    await page.goto('./');
    let s = await runUntil(page, (x) => x.leader !== null);
    expect(s.nodes).toHaveLength(5);
    expect(s.nodes.every((n) => n.storage === 'idb')).toBe(true);

    await intervene(page, { type: 'addClient' });
    for (let i = 0; i < 5; i++) {
      await intervene(page, {
        type: 'kv',
        client: 'c1',
        command: { op: 'append', key: 'log', value: `${i};` },
      });
    }
    s = await runUntil(page, (x) => x.kv.every((kv) => kv.log === '0;1;2;3;4;'));

    // Crash a follower: its worker is terminated; its term, vote and log are on disk.
    const follower = s.nodes.find((n) => n.status?.role === 'follower')!.id;
    const before = s.nodes[follower]!;
    const logBefore = s.logs[follower]!;
    await intervene(page, { type: 'crash', node: follower });
    s = await waitForState(page, (x) => !x.nodes[follower]!.alive);
    expect(s.kv[follower]).toEqual({});
    await intervene(page, { type: 'restart', node: follower });
    s = await waitForState(page, (x) => x.nodes[follower]!.alive);
    const after = s.nodes[follower]!;
    expect(after.alive).toBe(true);
    expect(after.durableTerm).toBeGreaterThanOrEqual(before.durableTerm);
    if (after.durableTerm === before.durableTerm)
      expect(after.durableVotedFor).toBe(before.durableVotedFor);
    expect(s.logs[follower]!.slice(0, logBefore.length)).toEqual(logBefore);
    // It forgot everything volatile and relearns the commit index from the leader.
    s = await runUntil(page, (x) => x.kv[follower]?.log === '0;1;2;3;4;');
    expect(s.violations).toEqual([]);
  });

  test('a reloaded page resumes the same cluster with the same committed entries and KV contents', async ({
    page,
  }) => {
    await page.goto('./');
    await runUntil(page, (x) => x.leader !== null);
    await intervene(page, { type: 'addClient' });
    await intervene(page, {
      type: 'kv',
      client: 'c1',
      command: { op: 'set', key: 'color', value: 'blue' },
    });
    await intervene(page, {
      type: 'kv',
      client: 'c1',
      command: { op: 'set', key: 'shape', value: 'circle' },
    });
    const before = await runUntil(page, (x) => x.kv.every((kv) => kv.shape === 'circle'));
    const leader = before.leader!;
    const committed = committedPrefix(before, leader);

    await page.reload();
    const after = await runUntil(
      page,
      (x) => x.leader !== null && x.kv.every((kv) => kv.shape === 'circle' && kv.color === 'blue'),
    );
    for (let id = 0; id < 5; id++) {
      expect(
        after.logs[id]!.slice(0, committed.length).map((e) => ({ index: e.index, term: e.term })),
      ).toEqual(committed);
    }
    expect(Math.max(...after.nodes.map((n) => n.durableTerm))).toBeGreaterThanOrEqual(
      before.nodes[leader]!.durableTerm,
    );
    expect(after.violations).toEqual([]);
  });

  test('50 random crashes under a write workload lose no acknowledged entry and break no invariant', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.goto('./');
    await runUntil(page, (x) => x.leader !== null);
    await intervene(page, { type: 'addClient' });
    // A seeded choice of victims and moments, so a failure can be replayed.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let appended = 0;
    for (let crash = 0; crash < 50; crash++) {
      await intervene(page, {
        type: 'kv',
        client: 'c1',
        command: { op: 'append', key: 'w', value: `${appended++};` },
      });
      await runFor(page, 5 + Math.floor(next() * 60));
      const victim = Math.floor(next() * 5);
      await intervene(page, { type: 'crash', node: victim });
      await runFor(page, Math.floor(next() * 40));
      await intervene(page, { type: 'restart', node: victim });
    }
    const s = await runUntil(page, (x) => x.leader !== null, 10_000);
    const done = await runUntil(
      page,
      (x) => {
        const v = x.kv[x.leader ?? 0]?.w ?? '';
        return v.split(';').filter(Boolean).length === appended;
      },
      30_000,
    );
    void s;
    // Every append acknowledged or not is in the value exactly once and in order
    // (exactly-once sessions); and every node agrees on the committed prefix.
    const value = done.kv[done.leader!]!.w!;
    expect(value).toBe(Array.from({ length: appended }, (_, i) => `${i};`).join(''));
    const prefix = committedPrefix(done, done.leader!);
    const after = await runUntil(page, (x) =>
      x.nodes.every((n) => (n.status?.commitIndex ?? 0) >= prefix.length),
    );
    for (let id = 0; id < 5; id++)
      expect(committedPrefix(after, id).slice(0, prefix.length)).toEqual(prefix);
    expect(after.violations).toEqual([]);
  });

  test('the same script gives the same trace with worker nodes and in process', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('./');
    await state(page);
    const script = {
      options: { nodes: 5, seed: 4242, network: { dropRate: 0.02, duplicateRate: 0.02 } },
      interventions: [
        { at: 200, action: { type: 'addClient' } },
        {
          at: 200,
          action: { type: 'kv', client: 'c1', command: { op: 'set', key: 'a', value: '1' } },
        },
        { at: 400, action: { type: 'crash', node: 0 } },
        {
          at: 500,
          action: { type: 'kv', client: 'c1', command: { op: 'append', key: 'a', value: '2' } },
        },
        {
          at: 600,
          action: {
            type: 'partition',
            groups: [
              [0, 1],
              [2, 3, 4],
            ],
          },
        },
        { at: 800, action: { type: 'restart', node: 0 } },
        { at: 1000, action: { type: 'heal' } },
        { at: 1100, action: { type: 'expireElectionTimer', node: 1 } },
      ],
      until: 2500,
    };
    const { workers, inProcess } = await page.evaluate((sc) => window.__raft.compare(sc), script);
    expect(JSON.parse(workers).length).toBeGreaterThan(500);
    expect(workers).toBe(inProcess);
  });
});
