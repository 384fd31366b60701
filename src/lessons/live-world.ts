/**
 * The page's cluster as a lesson sees it: built from the frames the runtime sends (the
 * node snapshots, messages in flight, KV contents, and every trace event since the page
 * began to listen).
 */
import type { NodeId } from '../raft/types';
import type { NodeSnapshot } from '../runtime/snapshot';
import type { TraceEvent } from '../sim/trace';
import type { LessonWorld, WorldNode } from './world';

export interface LiveFrame {
  readonly now: number;
  readonly leader: NodeId | null;
  readonly nodes: readonly NodeSnapshot[];
  readonly messages: readonly {
    readonly type: string;
    readonly from: NodeId | string;
    readonly to: NodeId | string;
  }[];
  readonly trace: readonly TraceEvent[];
  readonly violations?: readonly string[];
}

export class LiveWorld implements LessonWorld {
  private frame: LiveFrame | null = null;
  private kvOf: readonly Readonly<Record<string, string>>[] = [];
  readonly events: TraceEvent[] = [];

  constructor(
    readonly size: number,
    private readonly clientIds: () => readonly string[],
  ) {}

  /** Takes in one frame: its state, and its new trace events. */
  update(frame: LiveFrame, kv: readonly Readonly<Record<string, string>>[]): void {
    this.frame = frame;
    this.kvOf = kv;
    for (const e of frame.trace) this.events.push(e);
  }

  get now(): number {
    return this.frame?.now ?? 0;
  }
  leader(): NodeId | null {
    return this.frame?.leader ?? null;
  }
  node(id: NodeId): WorldNode {
    const n = this.frame?.nodes[id];
    return {
      alive: n?.alive ?? false,
      role: n?.status?.role ?? 'follower',
      term: n?.status?.term ?? n?.durableTerm ?? 0,
      commitIndex: n?.status?.commitIndex ?? 0,
    };
  }
  inFlight() {
    return this.frame?.messages ?? [];
  }
  kv(id: NodeId): Readonly<Record<string, string>> {
    return this.kvOf[id] ?? {};
  }
  clients(): readonly string[] {
    return this.clientIds();
  }
  violations(): readonly string[] {
    return this.frame?.violations ?? [];
  }
}
