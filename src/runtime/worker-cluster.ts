/** A LiveCluster whose nodes are Web Workers with IndexedDB storage, from a config. */

import { APP_TRACE_EVENTS_MAX } from '../defaults';
import type { DurableState } from '../raft/types';
import { nodeConfigs, resolveOptions } from '../sim/options';
import { nodeName } from '../util/node-name';
import { type ClusterConfig, clusterOptionsOf } from './cluster-config';
import { databaseName, IdbStorage, recordDatabaseName, type StorageFault } from './idb-storage';
import { LiveCluster } from './live-cluster';
import { WorkerHost } from './worker-host';
import { WriteBatch } from './write-batch';

export function createWorkerCluster(
  config: ClusterConfig,
  fault: StorageFault | null,
  onProblem: (message: string) => void,
  extra: { traceEventsMax?: number; checkInvariants?: boolean; startTime?: number } = {},
): LiveCluster<WorkerHost> {
  const { startTime = 0, ...harness } = extra;
  const options = resolveOptions({
    ...clusterOptionsOf(config),
    traceEventsMax: APP_TRACE_EVENTS_MAX,
    ...harness,
  });
  const hosts = nodeConfigs(options).map(
    (nodeConfig) =>
      new WorkerHost({
        config: nodeConfig,
        clusterSeed: options.seed,
        dbName: databaseName(config.clusterId, nodeConfig.id),
        storage: config.storage,
        fault,
        createWorker: () =>
          new Worker(new URL('./node-worker.ts', import.meta.url), { type: 'module' }),
        onProblem: (node, message) => onProblem(`${nodeName(node)}: ${message}`),
      }),
  );
  return new LiveCluster(options, hosts, config.network, startTime);
}

/** Stops every node at once (no flush) and deletes their databases and the run's record. */
export async function wipeCluster(
  cluster: LiveCluster<WorkerHost>,
  clusterId: string,
): Promise<void> {
  for (let id = 0; id < cluster.size; id++) cluster.hostOf(id).terminate();
  await deleteClusterDatabases({ clusterId, nodes: cluster.size });
}

/** Deletes every database of a cluster (its nodes' and its run record's). */
export async function deleteClusterDatabases(config: {
  readonly clusterId: string;
  readonly nodes: number;
}): Promise<void> {
  const names = Array.from({ length: config.nodes }, (_, id) => databaseName(config.clusterId, id));
  names.push(recordDatabaseName(config.clusterId));
  await Promise.all(names.map(deleteDatabase));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve();
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Blocked means a connection is still open somewhere: the new cluster id keeps them apart.
    request.onblocked = () => resolve();
  });
}

/**
 * Writes each node's starting state into its (new, empty) database, so a shared run that
 * resumed from storage starts where it did. A node whose storage fails starts empty; the
 * sentence says so.
 */
export async function seedClusterDatabases(
  clusterId: string,
  state: readonly DurableState[],
  fault: StorageFault | null,
): Promise<string | null> {
  const failed: number[] = [];
  await Promise.all(
    state.map(async (s, id) => {
      try {
        const { storage } = await IdbStorage.open(databaseName(clusterId, id), fault);
        const batch = new WriteBatch();
        batch.hardState = s.hardState;
        batch.append = s.log.slice();
        await storage.write(batch);
      } catch {
        failed.push(id);
      }
    }),
  );
  if (failed.length === 0) return null;
  return `the starting state of ${failed.map(nodeName).join(', ')} could not be stored, so ${failed.length === 1 ? 'it starts' : 'they start'} empty`;
}
