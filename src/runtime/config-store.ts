/** Keeps the cluster's configuration in localStorage, so a reload brings the same cluster back. */
import { type ClusterConfig, newClusterConfig, parseClusterConfig } from './cluster-config';

const KEY = 'raft-playground.cluster';

export interface LoadedConfig {
  readonly config: ClusterConfig;
  /** Why a saved config was not used, if one existed. */
  readonly problem: string | null;
  /** True when the cluster existed before this page load. */
  readonly resumed: boolean;
}

export function loadClusterConfig(storage: Storage | null = safeLocalStorage()): LoadedConfig {
  const { config, problem } = parseClusterConfig(storage?.getItem(KEY) ?? null);
  // A cluster that fell back to memory has nothing durable to resume from.
  if (config !== null && config.storage === 'idb') return { config, problem, resumed: true };
  const fresh = newClusterConfig(config === null ? {} : { ...config, storage: 'idb' });
  saveClusterConfig(fresh, storage);
  const why =
    config?.storage === 'memory'
      ? 'the previous cluster kept its state in memory after storage failed'
      : problem;
  return { config: fresh, problem: why, resumed: false };
}

export function saveClusterConfig(
  config: ClusterConfig,
  storage: Storage | null = safeLocalStorage(),
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(config));
  } catch {
    // Storage full or disabled: the cluster still runs, a reload just starts a new one.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
