/**
 * The run's trace: every event, stamped with its virtual time, kept (bounded), checked by
 * the invariant checker and passed to listeners. When nobody reads it, nothing is built.
 */
import { InvariantChecker } from '../check/invariants';
import type { NodeId, Ready } from '../raft/types';
import { hasPersistOps } from './memory-storage';
import { type TraceEvent, TraceLog } from './trace';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A trace event before it is stamped with the time. */
export type TraceBody = TraceEvent extends unknown ? DistributiveOmit<TraceEvent, 't'> : never;

export class Recorder {
  private readonly log: TraceLog;
  private readonly checker: InvariantChecker | null;
  private readonly listeners = new Set<(e: TraceEvent) => void>();

  constructor(traceEventsMax: number, checkInvariants: boolean, members?: number) {
    this.log = new TraceLog(traceEventsMax);
    this.checker = checkInvariants ? new InvariantChecker(members) : null;
  }

  /** Whether anyone reads events (callers skip building them otherwise). */
  get tracing(): boolean {
    return this.log.eventsMax > 0 || this.checker !== null || this.listeners.size > 0;
  }

  record(t: number, body: TraceBody): void {
    if (!this.tracing) return;
    const event = { t, ...body } as TraceEvent;
    this.log.push(event);
    if (this.checker !== null) this.checker.observe(event);
    for (const listener of this.listeners) listener(event);
  }

  /** A host step's role and vote changes, then what was persisted, then commit advances. */
  recordStep(t: number, node: NodeId, ready: Ready): void {
    for (const e of ready.events) {
      if (e.type === 'becameFollower') {
        this.record(t, {
          kind: 'role',
          node,
          role: 'follower',
          term: e.term,
          leaderId: e.leaderId,
        });
      } else if (e.type === 'becameCandidate') {
        this.record(t, { kind: 'role', node, role: 'candidate', term: e.term });
      } else if (e.type === 'becameLeader') {
        this.record(t, { kind: 'role', node, role: 'leader', term: e.term });
      } else if (e.type === 'voted') {
        const reason = e.reason === undefined ? {} : { reason: e.reason };
        this.record(t, {
          kind: 'vote',
          node,
          term: e.term,
          candidate: e.candidateId,
          granted: e.granted,
          ...reason,
        });
      } else if (
        e.type !== 'electionTimeout' &&
        e.type !== 'truncatedLog' &&
        e.type !== 'commitAdvanced'
      ) {
        this.record(t, { kind: 'feature', node, event: e });
      }
    }
    if (hasPersistOps(ready)) {
      const { hardState, truncateFrom, append } = ready;
      this.record(t, { kind: 'persist', node, hardState, truncateFrom, append });
    }
    for (const e of ready.events) {
      if (e.type === 'commitAdvanced')
        this.record(t, { kind: 'commit', node, commitIndex: e.commitIndex });
    }
  }

  trace(): TraceEvent[] {
    return this.log.list();
  }

  violations(): string[] {
    return this.checker === null ? [] : this.checker.violations.slice();
  }

  /** How many invariants broke so far, without copying their sentences. */
  get violationCount(): number {
    return this.checker === null ? 0 : this.checker.violations.length;
  }

  onEvent(listener: (e: TraceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
