import { describe, expect, it } from 'vitest';
import { newClusterConfig } from '../runtime/cluster-config';
import { homeEntry, type Registry } from '../runtime/cluster-registry';
import { chooseCluster } from './boot';
import type { SharedRun } from './share';
import { parseUrlSettings } from './url-params';

const home = homeEntry(
  newClusterConfig({ nodes: 5, seed: 1 }, () => 'home1'),
  0,
);
const kept = {
  ...homeEntry(
    newClusterConfig({ seed: 9 }, () => 'kept1'),
    0,
  ),
  role: 'kept' as const,
  name: 'Kept',
};
const registry: Registry = { clusters: [home, kept] };
let ids = 0;
/** A shared run of 3 nodes, seed 4, with no interventions, up to 500 ms. */
const sharedRun = (more: Partial<SharedRun> = {}): SharedRun => ({
  nodes: 3,
  seed: 4,
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  network: { delayMs: [1, 5], dropRate: 0, duplicateRate: 0 },
  interventions: [],
  until: 500,
  ...more,
});

const choose = (search: string, shared: SharedRun | null = null, r = registry) =>
  chooseCluster({
    url: parseUrlSettings(search),
    shared,
    registry: r,
    now: 5,
    randomId: () => `new${++ids}`,
  });

describe('which cluster a URL opens', () => {
  it('the plain URL opens your own cluster, and so does one with only a speed', () => {
    expect(choose('').cluster).toBe(home);
    expect(choose('?speed=max').cluster).toBe(home);
    expect(choose('').registry).toBeNull();
  });

  it('other nodes= or seed= open a new cluster beside yours, never in its place', () => {
    const c = choose('?nodes=7&seed=3');
    expect(c.cluster).toMatchObject({ role: 'scratch', name: 'New cluster, 7 nodes, seed 3' });
    expect(c.cluster.config).toMatchObject({ nodes: 7, seed: 3 });
    expect(c.cluster.config.clusterId).not.toBe('home1');
    expect(c.registry).toBeNull();
  });

  it('election= and heartbeat= open a new cluster with that timing; a bad one keeps yours', () => {
    const c = choose('?election=1500-3000&heartbeat=200');
    expect(c.cluster.role).toBe('scratch');
    expect(c.cluster.config).toMatchObject({ electionTimeoutMs: [1500, 3000], heartbeatMs: 200 });
    expect(choose('?election=3000-1500').cluster).toBe(home);
  });

  it('a shared run replays in a cluster of its own', () => {
    const c = choose('', sharedRun());
    expect(c.cluster).toMatchObject({ role: 'scratch', name: 'Shared run, 3 nodes, seed 4' });
    expect(c.script).toEqual({ interventions: [], until: 500, start: null });
    expect(c.registry).toBeNull();
  });

  it('a found run carries its switch into its own cluster, named for what it is', () => {
    const shared = sharedRun({
      unsafe: ['noElectionRestriction'],
      entriesPerAppendMax: 4,
      found: { rule: 'Leader completeness: …', at: 400 },
    });
    const c = choose('', shared);
    expect(c.cluster.name).toBe('Failing run found with “No election restriction”');
    // Its panel says what it replays; a notice would say it twice.
    expect(c.notices).toEqual([]);
    expect(choose('', sharedRun({})).notices).toEqual([
      expect.stringMatching(/^Replaying a shared run: /),
    ]);
    expect(c.cluster.config).toMatchObject({
      unsafe: ['noElectionRestriction'],
      entriesPerAppendMax: 4,
    });
    // Your own cluster never gets a switch from a link.
    expect(choose('').cluster.config.unsafe).toBeUndefined();
  });

  it('an embedded page runs a cluster of its own', () => {
    expect(choose('?embed=1').cluster.role).toBe('scratch');
  });

  it('cluster=ID opens a kept cluster; an unknown id says so and opens yours', () => {
    expect(choose('?cluster=kept1').cluster).toBe(kept);
    const unknown = choose('?cluster=nope');
    expect(unknown.cluster).toBe(home);
    expect(unknown.notices[0]).toMatch(/keeps no cluster nope/);
  });

  it('the first visit makes your cluster; one left in memory after a storage failure is replaced', () => {
    const first = choose('', null, { clusters: [] });
    expect(first.cluster.role).toBe('home');
    expect(first.registry?.clusters).toEqual([first.cluster]);
    const inMemory = { ...home, config: { ...home.config, storage: 'memory' as const } };
    const after = choose('', null, { clusters: [inMemory, kept] });
    expect(after.cluster.config.clusterId).not.toBe('home1');
    expect(after.notices[0]).toMatch(/A new cluster was started/);
    expect(after.registry?.clusters.map((c) => c.config.clusterId)).toEqual([
      'kept1',
      after.cluster.config.clusterId,
    ]);
  });
});
