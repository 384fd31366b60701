/**
 * Key moments of a run in plain words, for a narration line and screen readers: a leader
 * elected (with whose votes), a crash, a restart, a log cut back to the leader's. The
 * votes are gathered from the events before the moment, so a sentence says why.
 */
import type { TraceEvent } from '../../sim/trace';
import { nodeName } from '../../util/node-name';

export interface Moment {
  readonly t: number;
  readonly text: string;
  /** Worth stopping for: a new leader, or entries replaced. */
  readonly key: boolean;
}

export class Narrator {
  /** Votes granted in each term, by candidate. */
  private readonly votes = new Map<string, Set<number>>();
  /** Each node's log as the terms of its entries (index 1 at [0]), from its writes. */
  private readonly logs = new Map<number, number[]>();
  /** The term of the entry committed at each index (index 1 at [0]), as first seen. */
  private readonly committed: number[] = [];

  /** The moments among these events, in order. */
  moments(events: readonly TraceEvent[]): Moment[] {
    const out: Moment[] = [];
    for (const e of events) {
      const m = this.moment(e);
      if (m !== null) out.push(m);
    }
    return out;
  }

  private moment(e: TraceEvent): Moment | null {
    switch (e.kind) {
      case 'vote':
        if (e.granted) {
          const key = `${e.term}/${e.candidate}`;
          const set = this.votes.get(key) ?? new Set<number>();
          set.add(e.node);
          this.votes.set(key, set);
        }
        return null;
      case 'role': {
        if (e.role !== 'leader') return null;
        const voters = [...(this.votes.get(`${e.term}/${e.node}`) ?? [])]
          .filter((v) => v !== e.node)
          .sort((a, b) => a - b)
          .map(nodeName);
        const from = voters.length === 0 ? '' : ` with votes from ${list(voters)}`;
        this.forgetBefore(e.term);
        return {
          t: e.t,
          text: `${nodeName(e.node)} became leader of term ${e.term}${from}.`,
          key: true,
        };
      }
      case 'crash':
        return {
          t: e.t,
          text: `${nodeName(e.node)} crashed: what it kept in memory is lost.`,
          key: false,
        };
      case 'restart':
        // A write acknowledged before it was durable may be gone after the crash.
        if (e.resumedLog !== undefined)
          this.logs.set(
            e.node,
            e.resumedLog.map((x) => x.term),
          );
        else this.logs.get(e.node)?.splice(e.logLength);
        return e.resumedLog !== undefined
          ? null
          : {
              t: e.t,
              text: `${nodeName(e.node)} restarted with term ${e.term} and ${e.logLength} log entries from its disk.`,
              key: false,
            };
      case 'commit':
        this.noteCommit(e.node, e.commitIndex);
        return null;
      case 'persist': {
        const dropped = this.write(
          e.node,
          e.truncateFrom,
          e.append.map((x) => x.term),
        );
        if (e.truncateFrom === null) return null;
        const why =
          dropped === null
            ? "it conflicted with the leader's, and was never committed."
            : `entry ${dropped} had been committed, so a rule of Raft is broken.`;
        return {
          t: e.t,
          text: `${nodeName(e.node)} dropped its log from entry ${e.truncateFrom} on: ${why}`,
          key: true,
        };
      }
      case 'feature':
        return featureMoment(e);
      default:
        return null;
    }
  }

  /** Applies a log write; returns the first committed entry it dropped, or null. */
  private write(
    node: number,
    truncateFrom: number | null,
    terms: readonly number[],
  ): number | null {
    const log = this.logs.get(node) ?? [];
    this.logs.set(node, log);
    let dropped: number | null = null;
    if (truncateFrom !== null) {
      for (let i = truncateFrom; i <= log.length && dropped === null; i++)
        if (this.committed[i - 1] === log[i - 1]) dropped = i;
      log.length = Math.min(log.length, truncateFrom - 1);
    }
    log.push(...terms);
    return dropped;
  }

  private noteCommit(node: number, commitIndex: number): void {
    const log = this.logs.get(node) ?? [];
    // Entries this narrator never saw written (a run it joined late) stay unknown.
    for (let i = this.committed.length; i < Math.min(commitIndex, log.length); i++)
      this.committed.push(log[i] as number);
  }

  private forgetBefore(term: number): void {
    for (const key of this.votes.keys())
      if (Number(key.split('/')[0]) < term) this.votes.delete(key);
  }
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The features' moments worth a sentence: a leader that steps down, a handover. */
function featureMoment(e: Extract<TraceEvent, { kind: 'feature' }>): Moment | null {
  const who = nodeName(e.node);
  switch (e.event.type) {
    case 'steppedDown':
      return {
        t: e.t,
        text: `${who} stepped down: no majority answered it for an election timeout (CheckQuorum).`,
        key: true,
      };
    case 'transferStarted':
      return {
        t: e.t,
        text: `${who} is handing leadership to ${nodeName(e.event.to)}: it takes no new commands until then.`,
        key: false,
      };
    case 'transferAborted':
      return {
        t: e.t,
        text: `${who} gave up handing leadership to ${nodeName(e.event.to)}, and takes commands again.`,
        key: false,
      };
    default:
      return null;
  }
}
