/**
 * Hosts one node in this process: the replica (core + KV state machine), its durable
 * storage and what it has applied. Storage writes are synchronous, so a step is durable
 * before its messages leave. A crash drops every volatile thing; a restart rebuilds the
 * node from storage.
 */
import { Replica } from '../kv/replica';
import type { ClientRequest } from '../kv/types';
import type { NodeStatus, RaftNode } from '../raft/node';
import type { Entry, Input, NodeId, Role } from '../raft/types';
import type { BootInfo, HostStep, ProposeManyStep, ProposeStep, SyncHost } from './host';
import { MemoryStorage } from './memory-storage';
import { type NodeConfig, nodeSeed } from './options';
import type { NodeView } from './types';

export type { BootInfo, HostStep } from './host';
export type { NodeConfig } from './options';

export class InProcessHost implements SyncHost {
  readonly storage = new MemoryStorage();
  private node: Replica | null = null;
  private appliedEntries: Entry[] = [];
  private incarnationCount = 0;

  constructor(
    readonly config: NodeConfig,
    private readonly clusterSeed: number,
  ) {}

  get id(): NodeId {
    return this.config.id;
  }
  get alive(): boolean {
    return this.node !== null;
  }
  get incarnation(): number {
    return this.incarnationCount;
  }
  get role(): Role {
    return this.node === null ? 'follower' : this.node.raft.role;
  }
  get term(): number {
    return this.node === null ? this.storage.term : this.node.raft.term;
  }
  /** The live core, or null when crashed. Read-only use: views and tests. */
  get raft(): RaftNode | null {
    return this.node === null ? null : this.node.raft;
  }

  boot(now: number): BootInfo {
    this.incarnationCount += 1;
    const durable = this.storage.load();
    const seed = nodeSeed(this.clusterSeed, this.config.id, this.incarnationCount);
    this.node = new Replica({ ...this.config, seed }, durable, now);
    this.appliedEntries = [];
    return {
      incarnation: this.incarnationCount,
      term: durable.hardState.term,
      votedFor: durable.hardState.votedFor,
      logLength: durable.log.length,
      log: durable.log,
    };
  }

  crash(): void {
    this.node = null;
    this.appliedEntries = [];
  }

  step(input: Input, now: number): HostStep {
    const node = this.liveNode();
    node.step(input, now);
    return this.flush(node);
  }

  clientRequest(from: string, request: ClientRequest, now: number): HostStep {
    const node = this.liveNode();
    node.onClientRequest(from, request, now);
    return this.flush(node);
  }

  propose(command: unknown, now: number): ProposeStep {
    const node = this.liveNode();
    const proposal = node.propose(command, now);
    return { proposal, step: this.flush(node) };
  }

  proposeMany(commands: readonly unknown[], now: number): ProposeManyStep {
    const node = this.liveNode();
    const proposals = node.proposeBatch(commands, now);
    return { proposals, step: this.flush(node) };
  }

  nextDeadline(): number {
    return this.node === null ? Infinity : this.node.raft.nextDeadline();
  }

  applied(): Entry[] {
    return this.appliedEntries.slice();
  }

  status(): NodeStatus | null {
    return this.node === null ? null : this.node.raft.status();
  }

  /** The applied key/value contents of the live replica ({} when crashed). */
  kvState(): Record<string, string> {
    return this.node === null ? {} : this.node.machine.store.toRecord();
  }

  view(): NodeView {
    const raft = this.node?.raft ?? null;
    if (raft === null)
      return crashedView(
        this.config.id,
        this.storage.term,
        this.storage.votedFor,
        this.storage.log,
      );
    return {
      id: this.config.id,
      alive: true,
      role: raft.role,
      term: raft.term,
      votedFor: raft.votedFor,
      commitIndex: raft.commitIndex,
      lastApplied: raft.lastApplied,
      log: raft.log.slice(),
    };
  }

  /**
   * The replica applied the committed entries already (see Replica.takeOutput: safe, as
   * they are committed and every reply waits for this step to be durable); this persists
   * the step. Sending is the caller's.
   */
  private flush(node: Replica): HostStep {
    const { ready, replies } = node.takeOutput();
    this.storage.persist(ready);
    for (const e of ready.committed) this.appliedEntries.push(e);
    return { ready, replies, nextDeadline: node.raft.nextDeadline(), seq: 0 };
  }

  private liveNode(): Replica {
    if (this.node === null) throw new Error(`node ${this.config.id} is crashed`);
    return this.node;
  }
}

/** What a crashed node shows: its durable state only. */
export function crashedView(
  id: NodeId,
  term: number,
  votedFor: NodeId | null,
  log: readonly Entry[],
): NodeView {
  return {
    id,
    alive: false,
    role: 'follower',
    term,
    votedFor,
    commitIndex: 0,
    lastApplied: 0,
    log: log.slice(),
  };
}
