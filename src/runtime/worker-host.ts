/**
 * Hosts one node in a Web Worker, as an AsyncHost (sim/host.ts), beside the in-process
 * host. Crash = terminate() (volatile state really gone); restart = a new worker on fresh
 * channels that loads its IndexedDB state. The host keeps what views need from the
 * worker's step replies, never by running Raft or the state machine again: the status, a
 * copy of the durable state built from the writes each step reports (the only copy on
 * this side: views of a crashed node, restarts in memory mode, log patches), and the KV
 * contents as the worker reports them after applying.
 */

import type { ClientRequest } from '../kv/types';
import type { NodeStatus } from '../raft/node';
import type { Entry, Input, NodeId, Role } from '../raft/types';
import type { AsyncHost, BootInfo, HostStep, ProposeManyStep, ProposeStep } from '../sim/host';
import { crashedView } from '../sim/in-process-host';
import { MemoryStorage } from '../sim/memory-storage';
import { type NodeConfig, nodeSeed } from '../sim/options';
import type { NodeView } from '../sim/types';
import { nodeName } from '../util/node-name';
import type { StorageFault } from './idb-storage';
import type { StepReply, StorageMode, WorkerReply, WorkerRequest } from './protocol';

/** Creates the worker of one incarnation (Vite bundles the entry as its own chunk). */
export type WorkerFactory = () => Worker;

export interface WorkerHostOptions {
  readonly config: NodeConfig;
  readonly clusterSeed: number;
  readonly dbName: string;
  readonly storage: StorageMode;
  readonly fault?: StorageFault | null;
  readonly createWorker: WorkerFactory;
  /** Storage trouble, in a sentence for the UI. */
  readonly onProblem: (node: NodeId, message: string) => void;
}

type Waiter = (reply: WorkerReply) => void;

export class WorkerHost implements AsyncHost {
  /** A copy of what the worker made durable: views of a crashed node, memory-mode restarts. */
  readonly mirror = new MemoryStorage();
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private nodeStatus: NodeStatus | null = null;
  /** The applied KV contents, as the worker reports them (see StepReply.kv). */
  private kv = new Map<string, string>();
  private incarnationCount = 0;
  private storageMode: StorageMode;
  private nextRequestId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private outbox: WorkerRequest[] = [];
  private lastSeq = 0;
  private durableSeq = 0;
  private durableWaiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(private readonly opts: WorkerHostOptions) {
    this.storageMode = opts.storage;
  }

  get id(): NodeId {
    return this.opts.config.id;
  }
  get alive(): boolean {
    return this.worker !== null;
  }
  get incarnation(): number {
    return this.incarnationCount;
  }
  get role(): Role {
    return this.nodeStatus?.role ?? 'follower';
  }
  get term(): number {
    return this.nodeStatus?.term ?? this.mirror.term;
  }
  get storage(): StorageMode {
    return this.storageMode;
  }

  async boot(now: number): Promise<BootInfo> {
    this.incarnationCount += 1;
    const worker = this.opts.createWorker();
    const channel = new MessageChannel();
    worker.postMessage({ port: channel.port2 }, [channel.port2]);
    this.worker = worker;
    this.port = channel.port1;
    this.port.onmessage = (e: MessageEvent<WorkerReply[]>) => {
      for (const reply of e.data) this.onReply(reply);
    };
    this.outbox = [];
    this.lastSeq = 0;
    this.durableSeq = 0;
    this.kv.clear();
    const reply = await this.request({
      type: 'boot',
      id: this.nextRequestId++,
      config: this.opts.config,
      seed: nodeSeed(this.opts.clusterSeed, this.id, this.incarnationCount),
      incarnation: this.incarnationCount,
      now,
      storage: this.storageMode,
      dbName: this.opts.dbName,
      memoryState: this.storageMode === 'memory' ? this.mirror.load() : null,
      fault: this.opts.fault ?? null,
    });
    if (reply.type !== 'booted')
      throw new Error(`${nodeName(this.id)}: unexpected reply ${reply.type} to boot`);
    if (reply.storage !== this.storageMode) this.storageMode = reply.storage;
    if (reply.problem !== null) this.opts.onProblem(this.id, reply.problem);
    this.nodeStatus = reply.status;
    // What the worker loaded is the durable state from now on.
    this.mirror.reset(reply.state);
    return { ...reply.info, log: reply.state.log };
  }

  /** Waits until everything stepped is durable, then terminates the worker. */
  async crash(): Promise<void> {
    await this.whenDurable(this.lastSeq);
    this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
    this.nodeStatus = null;
    this.kv.clear();
    for (const waiter of this.waiting.values())
      waiter({ type: 'error', id: -1, message: 'crashed' });
    this.waiting.clear();
  }

  /** Stops the worker at once, without waiting for pending writes (reset, page teardown). */
  terminate(): void {
    this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
    this.nodeStatus = null;
    this.waiting.clear();
    for (const w of this.durableWaiters) w.resolve();
    this.durableWaiters = [];
  }

  step(input: Input, now: number): Promise<HostStep> {
    return this.stepRequest({ type: 'step', id: this.nextRequestId++, input, now });
  }

  clientRequest(from: string, request: ClientRequest, now: number): Promise<HostStep> {
    return this.stepRequest({ type: 'client', id: this.nextRequestId++, from, request, now });
  }

  async propose(command: unknown, now: number): Promise<ProposeStep> {
    const reply = await this.stepReply({ type: 'propose', id: this.nextRequestId++, command, now });
    return { proposal: reply.proposal ?? null, step: this.absorb(reply) };
  }

  async proposeMany(commands: readonly unknown[], now: number): Promise<ProposeManyStep> {
    const reply = await this.stepReply({
      type: 'proposeMany',
      id: this.nextRequestId++,
      commands,
      now,
    });
    return { proposals: reply.proposals ?? [], step: this.absorb(reply) };
  }

  whenDurable(seq: number, incarnation = this.incarnationCount): Promise<void> | undefined {
    if (seq <= this.durableSeq || !this.alive || incarnation !== this.incarnationCount)
      return undefined;
    return new Promise((resolve) => this.durableWaiters.push({ seq, resolve }));
  }

  nextDeadline(): number {
    return this.nodeStatus?.nextDeadline ?? Infinity;
  }

  status(): NodeStatus | null {
    return this.nodeStatus;
  }

  kvState(): Record<string, string> {
    if (!this.alive) return {};
    return Object.fromEntries([...this.kv].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** This incarnation applies from index 1 in order, so it applied the log's first `lastApplied`. */
  applied(): Entry[] {
    return this.nodeStatus === null ? [] : this.mirror.log.slice(0, this.nodeStatus.lastApplied);
  }

  view(): NodeView {
    const s = this.nodeStatus;
    if (s === null)
      return crashedView(this.id, this.mirror.term, this.mirror.votedFor, this.mirror.log);
    return {
      id: this.id,
      alive: true,
      role: s.role,
      term: s.term,
      votedFor: s.votedFor,
      commitIndex: s.commitIndex,
      lastApplied: s.lastApplied,
      log: this.mirror.log.slice(),
    };
  }

  private async stepRequest(request: WorkerRequest): Promise<HostStep> {
    return this.absorb(await this.stepReply(request));
  }

  private async stepReply(request: WorkerRequest): Promise<StepReply> {
    const reply = await this.request(request);
    if (reply.type !== 'stepped') {
      throw new Error(
        `${nodeName(this.id)}: ${reply.type === 'error' ? reply.message : `unexpected ${reply.type}`}`,
      );
    }
    return reply;
  }

  /** Keeps a step's effects for views, and notes how far the worker is durable. */
  private absorb(reply: StepReply): HostStep {
    this.nodeStatus = reply.status;
    this.mirror.persist(reply.ready);
    const [first, last] = reply.committed;
    const committed = last >= first ? this.mirror.log.slice(first - 1, last) : [];
    for (const [key, value] of reply.kv) {
      if (value === null) this.kv.delete(key);
      else this.kv.set(key, value);
    }
    this.lastSeq = reply.seq;
    this.markDurable(reply.durableSeq);
    return {
      ready: { ...reply.ready, committed },
      replies: reply.replies,
      nextDeadline: reply.status.nextDeadline,
      seq: reply.seq,
    };
  }

  /**
   * Requests made in the same turn of the event loop travel as one message: the engine
   * dispatches a window of steps at once, and each postMessage wakes the worker.
   */
  private request(request: WorkerRequest): Promise<WorkerReply> {
    const port = this.port;
    if (port === null) return Promise.reject(new Error(`${nodeName(this.id)} is crashed`));
    return new Promise((resolve) => {
      this.waiting.set(request.id, resolve);
      this.outbox.push(request);
      if (this.outbox.length === 1) {
        queueMicrotask(() => {
          const batch = this.outbox;
          this.outbox = [];
          port.postMessage(batch);
        });
      }
    });
  }

  private onReply(reply: WorkerReply): void {
    if (reply.type === 'durable') {
      this.markDurable(reply.seq);
      return;
    }
    if (reply.type === 'storageFailed') {
      this.storageMode = 'memory';
      this.opts.onProblem(this.id, `${reply.message}; this node now keeps its state in memory`);
      this.markDurable(reply.durableSeq);
      return;
    }
    const waiter = this.waiting.get(reply.id);
    // A reply for a request of an earlier incarnation, or unknown: stale, dropped.
    if (waiter === undefined) return;
    this.waiting.delete(reply.id);
    waiter(reply);
  }

  private markDurable(seq: number): void {
    if (seq <= this.durableSeq) return;
    this.durableSeq = seq;
    const ready = this.durableWaiters.filter((w) => w.seq <= seq);
    if (ready.length === 0) return;
    this.durableWaiters = this.durableWaiters.filter((w) => w.seq > seq);
    for (const w of ready) w.resolve();
  }
}
