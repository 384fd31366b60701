/**
 * Hosts one node in this process: the pure core, its durable storage and what it has
 * applied. A crash drops every volatile thing; a restart rebuilds the node from storage.
 */
import { type OutgoingReply, Replica } from '../kv/replica';
import type { ClientRequest } from '../kv/types';
import type { RaftNode } from '../raft/node';
import type { Entry, Input, NodeId, RaftConfig, Ready } from '../raft/types';
import { deriveSeed } from '../util/rng';
import { MemoryStorage } from './memory-storage';
import type { NodeView } from './types';

export interface HostStep {
  readonly ready: Ready;
  /** Answers to clients, sent after `ready.messages`. */
  readonly replies: readonly OutgoingReply[];
  readonly nextDeadline: number;
}

export interface BootInfo {
  readonly incarnation: number;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly logLength: number;
}

/** The configuration of a node, less the seed, which is derived per incarnation. */
export type NodeConfig = Omit<RaftConfig, 'seed'>;

export class InProcessHost {
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
  /** The live core, or null when crashed. Read-only use: views and tests. */
  get raft(): RaftNode | null {
    return this.node === null ? null : this.node.raft;
  }

  /** The applied key/value contents of the live replica ({} when crashed). */
  kvState(): Record<string, string> {
    return this.node === null ? {} : this.node.machine.store.toRecord();
  }

  boot(now: number): BootInfo {
    this.incarnationCount += 1;
    const durable = this.storage.load();
    const seed = deriveSeed(this.clusterSeed, 'node', this.config.id, this.incarnationCount);
    this.node = new Replica({ ...this.config, seed }, durable, now);
    this.appliedEntries = [];
    return {
      incarnation: this.incarnationCount,
      term: durable.hardState.term,
      votedFor: durable.hardState.votedFor,
      logLength: durable.log.length,
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

  propose(
    command: unknown,
    now: number,
  ): { proposal: { index: number; term: number } | null; step: HostStep } {
    const node = this.liveNode();
    const proposal = node.propose(command, now);
    return { proposal, step: this.flush(node) };
  }

  nextDeadline(): number {
    return this.node === null ? Infinity : this.node.raft.nextDeadline();
  }

  applied(): Entry[] {
    return this.appliedEntries.slice();
  }

  view(): NodeView {
    const node = this.node?.raft ?? null;
    if (node === null) {
      return {
        id: this.config.id,
        alive: false,
        role: 'follower',
        term: this.storage.term,
        votedFor: this.storage.votedFor,
        commitIndex: 0,
        lastApplied: 0,
        log: this.storage.log.slice(),
      };
    }
    return {
      id: this.config.id,
      alive: true,
      role: node.role,
      term: node.term,
      votedFor: node.votedFor,
      commitIndex: node.commitIndex,
      lastApplied: node.lastApplied,
      log: node.log.slice(),
    };
  }

  /** Persist, then apply: the order the core's Ready demands. Sending is the caller's. */
  private flush(node: Replica): HostStep {
    const { ready, replies } = node.takeOutput();
    this.storage.persist(ready);
    for (const e of ready.committed) this.appliedEntries.push(e);
    return { ready, replies, nextDeadline: node.raft.nextDeadline() };
  }

  private liveNode(): Replica {
    if (this.node === null) throw new Error(`node ${this.config.id} is crashed`);
    return this.node;
  }
}
