/**
 * A steady stream of unique commands `{ seed, n }`, each submitted to whoever leads. A
 * submission is *seen committed* when the node that accepted it applies, at the index
 * `submit` returned, an entry of the term `submit` returned: committed entries never
 * change, so that entry is this command. Seen-committed commands must end up in every
 * node's applied sequence, exactly once, at that index.
 */
import { HARNESS_NODES_MAX } from '../../defaults';
import { deriveSeed, Rng } from '../../util/rng';
import type { SimCluster } from '../cluster';
import type { TraceEvent } from '../trace';
import type { Entry, NodeId } from '../types';
import type { ChaosOptions } from './options';

export interface Submission {
  readonly n: number;
  readonly node: NodeId;
  readonly index: number;
  readonly term: number;
}

export interface Command {
  readonly seed: number;
  readonly n: number;
}

/** The workload number of a command of this seed, or null (no-ops, foreign commands). */
export function commandNumber(command: unknown, seed: number): number | null {
  if (typeof command !== 'object' || command === null) return null;
  const c = command as Partial<Command>;
  return c.seed === seed && typeof c.n === 'number' ? c.n : null;
}

export class Workload {
  /** Submissions seen committed, in the order they were seen. */
  readonly committed: Submission[] = [];
  /** Commands some leader accepted. */
  accepted = 0;
  /** Sentences about commands that contradict what `submit` returned. */
  readonly mismatches: string[] = [];
  /** Accepted, not yet seen committed or lost; keyed by index * HARNESS_NODES_MAX + node. */
  private readonly pending = new Map<number, Submission[]>();
  private readonly rng: Rng;
  private nextN = 1;
  private end = 0;

  constructor(
    private readonly cluster: SimCluster,
    private readonly o: ChaosOptions,
  ) {
    this.rng = new Rng(deriveSeed(o.seed, 'chaos-workload'));
    cluster.onEvent((e) => this.onEvent(e));
  }

  /** Submits commands at random gaps from now until `end` (virtual ms). */
  start(end: number): void {
    this.end = end;
    this.scheduleTick();
  }

  /** Numbers handed out so far (submitted or refused). */
  get submitted(): number {
    return this.nextN - 1;
  }

  /** Submits one new command to `node`; the submission, or null if it was refused. */
  submitTo(node: NodeId): Submission | null {
    const n = this.nextN++;
    const command: Command = { seed: this.o.seed, n };
    const r = this.cluster.submit(node, command);
    if (!r.accepted) return null;
    const sub: Submission = { n, node, index: r.index!, term: r.term! };
    this.accepted++;
    const key = sub.index * HARNESS_NODES_MAX + node;
    const list = this.pending.get(key);
    if (list === undefined) this.pending.set(key, [sub]);
    else list.push(sub);
    return sub;
  }

  private scheduleTick(): void {
    const gap = this.rng.int(this.o.commandGapMin, this.o.commandGapMax);
    if (this.cluster.now + gap >= this.end) return;
    this.cluster.schedule(gap, () => this.tick());
  }

  private tick(): void {
    const leader = this.pickLeader();
    if (leader !== null) {
      const count = this.rng.int(1, this.o.commandsPerTickMax);
      for (let i = 0; i < count && this.submitted < this.o.commandsMax; i++) this.submitTo(leader);
    }
    if (this.submitted < this.o.commandsMax) this.scheduleTick();
  }

  /**
   * Any node that believes it leads, the deposed ones too: commands sent to a leader cut
   * off in a minority grow a log suffix that must never commit, the classic trap.
   */
  private pickLeader(): NodeId | null {
    const leaders: NodeId[] = [];
    for (let id = 0; id < this.cluster.size; id++) {
      if (this.cluster.hostOf(id).raft?.role === 'leader') leaders.push(id);
    }
    if (leaders.length <= 1 || !this.rng.chance(this.o.staleLeaderShare)) {
      return this.cluster.leader();
    }
    return this.rng.pick(leaders);
  }

  private onEvent(e: TraceEvent): void {
    if (e.kind !== 'apply' || this.pending.size === 0) return;
    for (const entry of e.entries) this.onApplied(e.node, entry);
  }

  private onApplied(node: NodeId, entry: Entry): void {
    const key = entry.index * HARNESS_NODES_MAX + node;
    const list = this.pending.get(key);
    if (list === undefined) return;
    for (const sub of list) {
      // Another term at that index: the accepted entry was lost, never committed.
      if (sub.term !== entry.term) continue;
      const n = commandNumber(entry.command, this.o.seed);
      if (n === sub.n) {
        this.committed.push(sub);
      } else {
        this.mismatches.push(
          `node ${node} accepted command ${sub.n} at index ${sub.index} term ${sub.term}, but applied ${JSON.stringify(entry.command)} there`,
        );
      }
    }
    this.pending.delete(key);
  }
}
