import { describe, expect, it } from 'vitest';
import { newClusterConfig } from './cluster-config';
import {
  findCluster,
  freshConfig,
  homeEntry,
  homeOf,
  LEGACY_KEY,
  parseRegistry,
  REGISTRY_KEY,
  type Registry,
  RegistryStore,
  SAVED_CLUSTERS_MAX,
  type SavedCluster,
  serializeRegistry,
  UNREADABLE_KEY,
  withCluster,
  withoutCluster,
} from './cluster-registry';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

const config = (id: string, nodes = 5) => newClusterConfig({ nodes }, () => id);
const entry = (id: string, role: SavedCluster['role'], createdAt = 0): SavedCluster => ({
  config: config(id),
  role,
  name: id,
  createdAt,
});

describe('the clusters a browser keeps', () => {
  it('moves the cluster of earlier versions in as your own cluster, keeping its id', () => {
    const storage = memoryStorage();
    storage.setItem(LEGACY_KEY, JSON.stringify(config('legacy1', 7)));
    const store = new RegistryStore(storage);
    const read = store.read();
    expect(read.problem).toBeNull();
    expect(read.dirty).toBe(true);
    expect(homeOf(read.registry)?.config).toMatchObject({ clusterId: 'legacy1', nodes: 7 });
    store.write(read.registry);
    expect(storage.getItem(LEGACY_KEY)).toBeNull();
    expect(homeOf(store.read().registry)?.config.clusterId).toBe('legacy1');
  });

  it('round-trips every role through its stored text', () => {
    const registry = { clusters: [entry('h', 'home'), entry('k', 'kept'), entry('s', 'scratch')] };
    const read = parseRegistry(serializeRegistry(registry), null);
    expect(read).toEqual({ registry, problem: null, dirty: false });
  });

  it('sets an unreadable list aside instead of overwriting it', () => {
    const storage = memoryStorage();
    storage.setItem(REGISTRY_KEY, '{not json');
    const read = new RegistryStore(storage).read();
    expect(read.problem).toMatch(/could not be read; it was set aside/);
    expect(read.registry.clusters).toEqual([]);
    expect(storage.getItem(UNREADABLE_KEY)).toBe('{not json');
  });

  it('leaves out malformed entries, a duplicate id and a second home, and says how many', () => {
    const good = entry('good', 'home');
    const text = JSON.stringify({
      version: 1,
      clusters: [good, { role: 'kept' }, entry('good', 'kept'), entry('other', 'home'), 7],
    });
    const read = parseRegistry(text, null);
    expect(read.registry.clusters).toEqual([good]);
    expect(read.problem).toBe('4 saved clusters could not be read and were left out');
  });

  it('a registry from another version is not read as this one', () => {
    expect(parseRegistry(JSON.stringify({ version: 99, clusters: [] }), null).problem).toMatch(
      /another version/,
    );
  });

  it('replaces an entry of the same id, and a new home replaces the old home', () => {
    let r = withCluster({ clusters: [] }, entry('a', 'home'));
    r = withCluster(r, { ...entry('a', 'home'), name: 'renamed' });
    expect(r.clusters.map((c) => c.name)).toEqual(['renamed']);
    r = withCluster(r, entry('b', 'home'));
    expect(r.clusters.map((c) => c.config.clusterId)).toEqual(['b']);
    expect(withoutCluster(r, 'b').clusters).toEqual([]);
  });

  it(`keeps at most ${SAVED_CLUSTERS_MAX} runs, and refuses one more instead of dropping one`, () => {
    let r: Registry = { clusters: [entry('home', 'home'), entry('s', 'scratch')] };
    for (let i = 0; i < SAVED_CLUSTERS_MAX; i++) r = withCluster(r, entry(`k${i}`, 'kept', i));
    expect(r.clusters).toHaveLength(SAVED_CLUSTERS_MAX + 2);
    expect(() => withCluster(r, entry('one-too-many', 'kept'))).toThrow(/already keeps 30 runs/);
    // Replacing a kept run, or adding scratch runs, is never refused.
    expect(
      findCluster(withCluster(r, { ...entry('k0', 'kept'), name: 'new name' }), 'k0')?.name,
    ).toBe('new name');
    expect(withCluster(r, entry('s2', 'scratch')).clusters).toHaveLength(SAVED_CLUSTERS_MAX + 3);
  });

  it('a fresh config never reuses a stored id', () => {
    const ids = ['taken', 'taken', 'free'];
    const registry = { clusters: [homeEntry(config('taken'), 0)] };
    expect(freshConfig(registry, { nodes: 3 }, () => ids.shift()!)).toMatchObject({
      clusterId: 'free',
      nodes: 3,
      storage: 'idb',
    });
  });
});
