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
});
