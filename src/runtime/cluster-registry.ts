/**
 * The clusters this browser keeps, in localStorage: the user's own cluster (the one the
 * plain URL opens), runs the user chose to keep, and runs opened from links or URL
 * parameters that are not kept (scratch: deleted once no tab runs them). Only identities
 * and configurations live here; each cluster's data is in databases of its own, named by
 * its id, so opening one cluster never touches another's.
 */

import { safeLocalStorage } from '../util/local-storage';
import { type ClusterConfig, newClusterConfig, parseClusterConfig } from './cluster-config';

export const REGISTRY_KEY = 'raft-playground.clusters';
/** Where the one cluster of earlier versions was kept: read once, then moved. */
export const LEGACY_KEY = 'raft-playground.cluster';
/** An unreadable registry is copied here before a new one is written, never just replaced. */
export const UNREADABLE_KEY = 'raft-playground.clusters.unreadable';
export const REGISTRY_VERSION = 1;
/** Runs kept at most (besides the user's own cluster). */
export const SAVED_CLUSTERS_MAX = 30;

/** home: the user's own; kept: saved on request; scratch: a run not kept (yet). */
export type ClusterRole = 'home' | 'kept' | 'scratch';

export interface SavedCluster {
  readonly config: ClusterConfig;
  readonly role: ClusterRole;
  /** How the page names it to people ("Your cluster", "Shared run, 5 nodes, seed 7"). */
  readonly name: string;
  /** Wall-clock ms when it was made (for the list of saved clusters). */
  readonly createdAt: number;
}

export interface Registry {
  readonly clusters: readonly SavedCluster[];
}

export const HOME_NAME = 'Your cluster';

export interface ReadRegistry {
  readonly registry: Registry;
  /** A sentence for the user when something stored could not be used. */
  readonly problem: string | null;
  /** The stored text must be written anew (migrated, repaired or first use). */
  readonly dirty: boolean;
}

/** The registry from its stored text (and the legacy single cluster, if that is all there is). */
export function parseRegistry(text: string | null, legacyText: string | null): ReadRegistry {
  if (text === null) {
    if (legacyText === null) return { registry: { clusters: [] }, problem: null, dirty: true };
    const { config, problem } = parseClusterConfig(legacyText);
    const clusters = config === null ? [] : [homeEntry(config, 0)];
    return { registry: { clusters }, problem, dirty: true };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return unreadable('the list of saved clusters could not be read');
  }
  const v = value as { version?: unknown; clusters?: unknown };
  if (typeof v !== 'object' || v === null || v.version !== REGISTRY_VERSION)
    return unreadable('the list of saved clusters is from another version');
  if (!Array.isArray(v.clusters)) return unreadable('the list of saved clusters is malformed');
  const clusters: SavedCluster[] = [];
  let skipped = 0;
  for (const item of v.clusters) {
    const entry = parseEntry(item);
    if (entry === null || clusters.some((c) => c.config.clusterId === entry.config.clusterId))
      skipped++;
    else if (entry.role !== 'home' || !clusters.some((c) => c.role === 'home'))
      clusters.push(entry);
    else skipped++;
  }
  const problem =
    skipped === 0
      ? null
      : `${skipped} saved cluster${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'was' : 'were'} left out`;
  return { registry: { clusters }, problem, dirty: skipped > 0 };
}

function unreadable(problem: string): ReadRegistry {
  return { registry: { clusters: [] }, problem: `${problem}; it was set aside`, dirty: true };
}

function parseEntry(item: unknown): SavedCluster | null {
  const e = item as Partial<SavedCluster> | null;
  if (typeof e !== 'object' || e === null) return null;
  if (e.role !== 'home' && e.role !== 'kept' && e.role !== 'scratch') return null;
  if (typeof e.name !== 'string' || e.name.length > 200) return null;
  if (typeof e.createdAt !== 'number' || !Number.isFinite(e.createdAt)) return null;
  const { config } = parseClusterConfig(JSON.stringify(e.config ?? null));
  if (config === null) return null;
  return { config, role: e.role, name: e.name, createdAt: e.createdAt };
}

export function serializeRegistry(registry: Registry): string {
  return JSON.stringify({ version: REGISTRY_VERSION, clusters: registry.clusters });
}

export function homeEntry(config: ClusterConfig, createdAt: number): SavedCluster {
  return { config, role: 'home', name: HOME_NAME, createdAt };
}

export function homeOf(registry: Registry): SavedCluster | null {
  return registry.clusters.find((c) => c.role === 'home') ?? null;
}

export function findCluster(registry: Registry, id: string): SavedCluster | null {
  return registry.clusters.find((c) => c.config.clusterId === id) ?? null;
}

/**
 * The registry with `entry` added, or replacing the entry of the same id. Kept clusters
 * are bounded: one more than the bound is refused (never one dropped silently). Scratch
 * entries need no bound: each is held by an open page, and the sweep deletes the rest.
 */
export function withCluster(registry: Registry, entry: SavedCluster): Registry {
  const others = registry.clusters.filter(
    (c) =>
      c.config.clusterId !== entry.config.clusterId &&
      !(entry.role === 'home' && c.role === 'home'),
  );
  const listed = [...others, entry];
  if (entry.role === 'kept' && listed.filter((c) => c.role === 'kept').length > SAVED_CLUSTERS_MAX)
    throw new Error(
      `this browser already keeps ${SAVED_CLUSTERS_MAX} runs: delete one in Settings first`,
    );
  return { clusters: listed };
}

export function withoutCluster(registry: Registry, id: string): Registry {
  return { clusters: registry.clusters.filter((c) => c.config.clusterId !== id) };
}

/** A new cluster's config, with an id no stored cluster has. */
export function freshConfig(
  registry: Registry,
  partial: Partial<Omit<ClusterConfig, 'version' | 'clusterId'>>,
  randomId: () => string = defaultRandomId,
): ClusterConfig {
  for (;;) {
    const config = newClusterConfig({ ...partial, storage: 'idb' }, randomId);
    if (findCluster(registry, config.clusterId) === null) return config;
  }
}

function defaultRandomId(): string {
  return globalThis.crypto?.randomUUID?.().slice(0, 13) ?? Math.random().toString(36).slice(2, 10);
}

/** The registry in this browser's localStorage (none when storage is disabled). */
export class RegistryStore {
  constructor(private readonly storage: Storage | null = safeLocalStorage()) {}

  read(): ReadRegistry {
    const text = this.get(REGISTRY_KEY);
    const read = parseRegistry(text, text === null ? this.get(LEGACY_KEY) : null);
    if (read.problem !== null && text !== null && read.registry.clusters.length === 0) {
      this.set(UNREADABLE_KEY, text);
    }
    return read;
  }

  write(registry: Registry): void {
    this.set(REGISTRY_KEY, serializeRegistry(registry));
    // The legacy key is now in the registry: removing it keeps one source of truth.
    try {
      this.storage?.removeItem(LEGACY_KEY);
    } catch {
      // Storage disabled: nothing was kept there either.
    }
  }

  /** Reads, changes and writes the registry in one go; returns the new registry. */
  update(change: (registry: Registry) => Registry): Registry {
    const next = change(this.read().registry);
    this.write(next);
    return next;
  }

  private get(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private set(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Storage full or disabled: the cluster still runs; a reload starts a new one.
    }
  }
}
