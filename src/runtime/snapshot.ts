/**
 * What the page receives at most once per animation frame: the cluster's small state, and
 * what changed since the last frame (new trace events, log patches, KV contents). Logs are
 * sent as patches so a 10,000-entry log is not copied every frame.
 */
import type { NodeStatus } from '../raft/node';
import type { Entry, NodeId } from '../raft/types';
import type { NetworkView } from '../sim/network';
import type { TraceEvent } from '../sim/trace';
import type { MessageView } from '../sim/types';
import { previewEvent, previewMessage } from './frame-payload';
import type { LiveCluster } from './live-cluster';
import type { StorageMode } from './protocol';
import type { WorkerHost } from './worker-host';

export interface NodeSnapshot {
  readonly id: NodeId;
  readonly alive: boolean;
  readonly storage: StorageMode;
  /** null when crashed. */
  readonly status: NodeStatus | null;
  /** What is on disk (survives a crash). */
  readonly durableTerm: number;
  readonly durableVotedFor: NodeId | null;
  readonly logLength: number;
}

/** The small state of the cluster at one moment: what every frame carries. */
export interface ClusterState {
  readonly now: number;
  readonly leader: NodeId | null;
  readonly nodes: readonly NodeSnapshot[];
  /** Connected flags, directed link states, delay/loss settings. */
  readonly network: NetworkView;
  readonly messages: readonly MessageView[];
  /** Messages in flight beyond `messages` (the list is bounded). */
  readonly messagesOmitted: number;
  readonly violations: readonly string[];
}

/** The cluster as views draw it: the live run, or a past moment being inspected. */
export interface ClusterView extends ClusterState {
  readonly mode: 'live' | 'inspect';
  readonly kv: ReadonlyArray<Readonly<Record<string, string>>>;
  /**
   * Each node's log. Live logs are long and patched in place between frames, so views
   * select `logVersion` (it changes whenever any log does) and read entries from here.
   */
  readonly logs: ReadonlyArray<readonly Entry[]>;
  readonly logVersion: number;
}

/** Replace the log from index `from` on with `entries`. */
export interface LogPatch {
  readonly node: NodeId;
  readonly from: number;
  readonly entries: readonly Entry[];
}

/** One frame from the runtime: the state, and what changed since the last frame. */
export interface RuntimeSnapshot extends ClusterState {
  readonly pops: number;
  readonly events: number;
  readonly trace: readonly TraceEvent[];
  /** Trace events of this frame let go to respect the bound. */
  readonly traceOmitted: number;
  readonly logPatches: readonly LogPatch[];
  readonly kv: ReadonlyArray<{ readonly node: NodeId; readonly contents: Record<string, string> }>;
}

export const MESSAGES_PER_FRAME_MAX = 400;
export const TRACE_EVENTS_PER_FRAME_MAX = 5000;

export class SnapshotFeed {
  private trace: TraceEvent[] = [];
  private traceOmitted = 0;
  private readonly logDirtyFrom = new Map<NodeId, number>();
  private readonly kvDirty = new Set<NodeId>();

  constructor(private readonly cluster: LiveCluster<WorkerHost>) {
    cluster.onEvent((e) => this.observe(e));
    this.resync();
  }

  /** The next frame carries every log and KV map in full. */
  resync(): void {
    for (let id = 0; id < this.cluster.size; id++) {
      this.logDirtyFrom.set(id, 1);
      this.kvDirty.add(id);
    }
  }

  /** Client events waiting for the next frame are already in the story the page was sent. */
  forgetClientEvents(): void {
    this.trace = this.trace.filter((e) => e.kind !== 'client-call' && e.kind !== 'client-return');
  }

  take(): RuntimeSnapshot {
    const c = this.cluster;
    const all = c.inFlight();
    const snapshot: RuntimeSnapshot = {
      now: c.now,
      pops: c.pops,
      events: c.events,
      leader: c.leader(),
      nodes: Array.from({ length: c.size }, (_, id) => nodeSnapshot(c.hostOf(id))),
      network: c.networkView(),
      messages: all.slice(0, MESSAGES_PER_FRAME_MAX).map(previewMessage),
      messagesOmitted: Math.max(0, all.length - MESSAGES_PER_FRAME_MAX),
      violations: c.violations(),
      trace: this.trace,
      traceOmitted: this.traceOmitted,
      logPatches: [...this.logDirtyFrom].map(([node, from]) => ({
        node,
        from,
        entries: c.hostOf(node).mirror.log.slice(from - 1),
      })),
      kv: [...this.kvDirty].map((node) => ({ node, contents: c.kvState(node) })),
    };
    this.trace = [];
    this.traceOmitted = 0;
    this.logDirtyFrom.clear();
    this.kvDirty.clear();
    return snapshot;
  }

  private observe(e: TraceEvent): void {
    if (this.trace.length < TRACE_EVENTS_PER_FRAME_MAX) this.trace.push(previewEvent(e));
    else this.traceOmitted++;
    if (e.kind === 'persist') {
      const from = e.truncateFrom ?? e.append[0]?.index;
      if (from !== undefined)
        this.logDirtyFrom.set(e.node, Math.min(from, this.logDirtyFrom.get(e.node) ?? Infinity));
    } else if (e.kind === 'apply' || e.kind === 'crash' || e.kind === 'restart') {
      this.kvDirty.add(e.node);
      if (e.kind === 'restart') this.logDirtyFrom.set(e.node, 1);
    }
  }
}

function nodeSnapshot(host: WorkerHost): NodeSnapshot {
  return {
    id: host.id,
    alive: host.alive,
    storage: host.storage,
    status: host.status(),
    durableTerm: host.mirror.term,
    durableVotedFor: host.mirror.votedFor,
    logLength: host.mirror.log.length,
  };
}
