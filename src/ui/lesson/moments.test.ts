import { describe, expect, it } from 'vitest';
import { SimCluster } from '../../sim/cluster';
import { Narrator } from './moments';

describe('key moments in words', () => {
  it('names the new leader, its term and who voted for it; crashes and log cuts', () => {
    const c = new SimCluster({ nodes: 3, seed: 2 });
    const narrator = new Narrator();
    const said: string[] = [];
    c.onEvent((e) => said.push(...narrator.moments([e]).map((m) => m.text)));
    c.runUntil(() => c.leader() !== null, 2000);
    const leader = c.leader()!;
    expect(said.at(-1)).toMatch(
      new RegExp(`^S${leader + 1} became leader of term 1 with votes from S\\d( and S\\d)?\\.$`),
    );
    c.crash(leader);
    expect(said.at(-1)).toBe(`S${leader + 1} crashed: what it kept in memory is lost.`);
    c.restart(leader);
    expect(said.at(-1)).toMatch(/restarted with term 1 and 1 log entries from its disk\.$/);
  });

  it('says when a leader steps down (CheckQuorum) and when it hands leadership over', () => {
    const c = new SimCluster({ nodes: 3, seed: 2, checkQuorum: true });
    const narrator = new Narrator();
    const said: string[] = [];
    c.onEvent((e) => said.push(...narrator.moments([e]).map((m) => m.text)));
    c.runUntil(() => c.leader() !== null, 2000);
    const leader = c.leader()!;
    const to = (leader + 1) % 3;
    c.transferLeadership(leader, to);
    expect(said).toContain(
      `S${leader + 1} is handing leadership to S${to + 1}: it takes no new commands until then.`,
    );
    c.runUntil(() => c.leader() === to, 1000);
    c.disconnect(to);
    c.run(400);
    expect(said).toContain(
      `S${to + 1} stepped down: no majority answered it for an election timeout (CheckQuorum).`,
    );
  });

  it('says when a log is cut back to the leader’s', () => {
    const narrator = new Narrator();
    const [m] = narrator.moments([
      { t: 5, kind: 'persist', node: 1, hardState: null, truncateFrom: 3, append: [] },
    ]);
    expect(m).toEqual({
      t: 5,
      text: "S2 dropped its log from entry 3 on: it conflicted with the leader's, and was never committed.",
      key: true,
    });
  });

  it('says a rule is broken when the entries a log drops had been committed', () => {
    const narrator = new Narrator();
    const entry = (index: number, term: number) => ({ index, term, command: null });
    const write = (node: number, truncateFrom: number | null, append: ReturnType<typeof entry>[]) =>
      ({ t: 1, kind: 'persist', node, hardState: null, truncateFrom, append }) as const;
    const said = narrator.moments([
      write(0, null, [entry(1, 1), entry(2, 1)]),
      write(1, null, [entry(1, 1), entry(2, 2)]),
      { t: 2, kind: 'commit', node: 0, commitIndex: 1 },
      write(1, 2, [entry(2, 1)]),
      write(0, 1, [entry(1, 3)]),
    ]);
    expect(said.map((m) => m.text)).toEqual([
      "S2 dropped its log from entry 2 on: it conflicted with the leader's, and was never committed.",
      'S1 dropped its log from entry 1 on: entry 1 had been committed, so a rule of Raft is broken.',
    ]);
  });
});
