/**
 * What the node details panel shows, derived from the store: the selected node's durable
 * state (on disk) and, while it runs, its volatile state. Plain data, compared
 * structurally, so the panel re-renders only when one of these values changes (not when
 * the election deadline moves every heartbeat).
 */
import type { FollowerProgressView } from '../../raft/node';
import type { NodeId, Role } from '../../raft/types';
import type { StorageMode } from '../../runtime/protocol';
import type { StoreState } from '../store/types';
import { plainEqual } from './plain-equal';

/** Keys shown in the KV table; the rest are counted. */
export const KV_ROWS_MAX = 40;

export interface VolatileDetails {
  readonly role: Role;
  readonly leaderId: NodeId | null;
  readonly commitIndex: number;
  readonly lastApplied: number;
  /** Only a leader tracks its followers. */
  readonly progress: readonly FollowerProgressView[];
  readonly kv: ReadonlyArray<readonly [string, string]>;
  readonly kvOmitted: number;
}

export interface NodeDetailsModel {
  readonly id: NodeId;
  readonly storage: StorageMode;
  readonly connected: boolean;
  /** Looking at the past: the cluster cannot be changed. */
  readonly inspecting: boolean;
  /** On disk (what the host has persisted): what a crash cannot take. */
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly logLength: number;
  /** null when crashed: all of it was lost. */
  readonly volatile: VolatileDetails | null;
}

export function detailsModel(s: StoreState): NodeDetailsModel | null {
  const id = s.selection.node;
  const view = s.view;
  if (id === null || view === null) return null;
  const node = view.nodes[id];
  if (node === undefined) return null;
  const status = node.alive ? node.status : null;
  const kv = sortedEntries(view.kv[id] ?? {});
  return {
    id,
    storage: node.storage,
    connected: view.network.connected[id] !== false,
    inspecting: s.playback.inspecting !== null,
    term: node.durableTerm,
    votedFor: node.durableVotedFor,
    logLength: node.logLength,
    volatile:
      status === null
        ? null
        : {
            role: status.role,
            leaderId: status.leaderId,
            commitIndex: status.commitIndex,
            lastApplied: status.lastApplied,
            progress: status.role === 'leader' ? status.progress : [],
            kv: kv.slice(0, KV_ROWS_MAX),
            kvOmitted: Math.max(0, kv.length - KV_ROWS_MAX),
          },
  };
}

export const detailsEqual = (a: NodeDetailsModel | null, b: NodeDetailsModel | null) =>
  plainEqual(a, b);

// KV maps are replaced, never mutated: sort each one once, not every frame.
const sortedCache = new WeakMap<object, Array<[string, string]>>();

function sortedEntries(kv: Readonly<Record<string, string>>): Array<[string, string]> {
  let sorted = sortedCache.get(kv);
  if (sorted === undefined) {
    sorted = Object.keys(kv)
      .sort()
      .map((k) => [k, kv[k]!]);
    sortedCache.set(kv, sorted);
  }
  return sorted;
}

/** Shortens long text for a table cell; the full text goes in a title. */
export function truncate(text: string, lengthMax = 24): string {
  return text.length > lengthMax ? `${text.slice(0, lengthMax - 1)}…` : text;
}
