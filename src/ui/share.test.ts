import { describe, expect, it } from 'vitest';
import { decodeSharedRun, encodeSharedRun, type SharedRun } from './share';

const run: SharedRun = {
  nodes: 5,
  seed: 42,
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  network: { delayMs: [1, 5], dropRate: 0.1, duplicateRate: 0 },
  interventions: [
    { pops: 12, at: 100.5, action: { type: 'crash', node: 2 } },
    { pops: 40, at: 300, action: { type: 'addClient' } },
    {
      pops: 40,
      at: 300,
      action: { type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: 'é 1' } },
    },
  ],
  until: 1234.5,
};

describe('share links', () => {
  it('round-trip a run through the URL fragment', async () => {
    const fragment = await encodeSharedRun(run);
    expect(fragment).toMatch(/^run=[A-Za-z0-9_-]+$/);
    expect(await decodeSharedRun(`#${fragment}`)).toEqual(run);
  });

  it('no fragment means no shared run', async () => {
    expect(await decodeSharedRun('')).toBeNull();
    expect(await decodeSharedRun('#')).toBeNull();
  });

  it.each([
    ['#hello', /not a shared run/],
    ['#run=AAAA', /damaged/],
  ])('a bad fragment %s gets a clear reason', async (hash, reason) => {
    expect(await decodeSharedRun(hash)).toMatch(reason);
  });

  it('a run with a step for a node that does not exist is refused', async () => {
    const bad = { ...run, interventions: [{ at: 1, action: { type: 'crash' as const, node: 9 } }] };
    expect(await decodeSharedRun(`#${await encodeSharedRun(bad)}`)).toMatch(/bad step: no node 9/);
  });

  it('carry the features past the core Raft, and a transfer among the steps', async () => {
    const featured: SharedRun = {
      ...run,
      preVote: true,
      checkQuorum: true,
      readMode: 'lease',
      interventions: [{ pops: 3, at: 200, action: { type: 'transferLeadership', from: 0, to: 2 } }],
    };
    expect(await decodeSharedRun(`#${await encodeSharedRun(featured)}`)).toEqual(featured);
    const { checkQuorum: _, ...unsafeLease } = featured;
    expect(await decodeSharedRun(`#${await encodeSharedRun(unsafeLease)}`)).toMatch(
      /reads on leases without CheckQuorum/,
    );
  });
});

describe('share links of a run that resumed from storage', () => {
  const entry = (index: number, term: number) => ({ index, term, command: null });
  const start = {
    t: 900,
    state: Array.from({ length: 5 }, () => ({
      hardState: { term: 2, votedFor: 0 },
      log: [entry(1, 1), entry(2, 2)],
    })),
  };

  it('carry where the run began, and round-trip it', async () => {
    const resumed = { ...run, start };
    expect(await decodeSharedRun(`#${await encodeSharedRun(resumed)}`)).toEqual(resumed);
  });

  it.each([
    ['a time past the end', { ...start, t: 5000 }, /time is not between 0 and the end/],
    ['a state per node missing', { ...start, state: start.state.slice(1) }, /one state per node/],
    [
      'a vote for no node',
      { ...start, state: start.state.map((s) => ({ ...s, hardState: { term: 2, votedFor: 9 } })) },
      /S1 has a malformed vote/,
    ],
    [
      'entries out of order',
      { ...start, state: start.state.map((s) => ({ ...s, log: [entry(2, 1)] })) },
      /log entry 1 of S1 is malformed/,
    ],
    [
      'a term past the node’s own',
      { ...start, state: start.state.map((s) => ({ ...s, log: [entry(1, 3)] })) },
      /term out of order/,
    ],
    [
      'too many entries',
      {
        ...start,
        state: start.state.map((s) => ({
          ...s,
          log: Array.from({ length: 1001 }, (_, i) => entry(i + 1, 1)),
        })),
      },
      /more than 5000 log entries/,
    ],
  ])('refuse a starting state with %s', async (_what, bad, reason) => {
    expect(await decodeSharedRun(`#${await encodeSharedRun({ ...run, start: bad })}`)).toMatch(
      reason,
    );
  });
});

describe('share links made by earlier versions', () => {
  it('read the former name of an action as its one name now', async () => {
    const old = {
      ...run,
      interventions: [{ at: 10, action: { type: 'expire', node: 1 } }],
    } as unknown as SharedRun;
    const decoded = await decodeSharedRun(`#${await encodeSharedRun(old)}`);
    expect(decoded).toMatchObject({
      interventions: [{ at: 10, action: { type: 'expireElectionTimer', node: 1 } }],
    });
  });
});
