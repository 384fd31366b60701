import type { Entry, HardState, RaftEvent, RaftMessage, ReadState, Ready, Snapshot } from './types';

const NO_READS: readonly ReadState[] = Object.freeze([]);

/** Collects what steps ask of the host until the host takes it (etcd's Ready). */
export class ReadyBuilder {
  private hardStateChanged = false;
  private truncateFrom: number | null = null;
  private append: Entry[] = [];
  /** Entries to hand to storage one Ready later (unsafe switch ackBeforeDurable). */
  private later: Entry[] = [];
  private messages: RaftMessage[] = [];
  private committed: Entry[] = [];
  private events: RaftEvent[] = [];
  private readStates: ReadState[] = [];
  private snapshotToPersist: Snapshot | null = null;
  private snapshotToRestore: Snapshot | null = null;

  markHardState(): void {
    this.hardStateChanged = true;
  }

  appendEntry(entry: Entry): void {
    this.append.push(...this.later.splice(0), entry);
  }

  /** Appends that storage gets with the next Ready, after this one's messages have left. */
  appendEntryLater(entry: Entry): void {
    this.later.push(entry);
  }

  /** Entries not yet handed to storage are dropped here; stored ones are deleted by the host. */
  truncate(from: number): void {
    this.truncateFrom = this.truncateFrom === null ? from : Math.min(this.truncateFrom, from);
    for (const pending of [this.append, this.later]) {
      while (pending.length > 0 && pending[pending.length - 1]!.index >= from) pending.pop();
    }
  }

  send(message: RaftMessage): void {
    this.messages.push(message);
  }

  commit(entries: readonly Entry[]): void {
    for (const e of entries) this.committed.push(e);
  }

  emit(event: RaftEvent): void {
    this.events.push(event);
  }

  readState(read: ReadState): void {
    this.readStates.push(read);
  }

  /** A snapshot for storage (it replaces the entries it covers). */
  snapshot(snapshot: Snapshot): void {
    this.snapshotToPersist = snapshot;
    for (const pending of [this.append, this.later]) {
      while (pending.length > 0 && pending[0]!.index <= snapshot.index) pending.shift();
    }
  }

  /** A snapshot installed from the leader: the host's state machine becomes it. */
  restore(snapshot: Snapshot): void {
    this.snapshot(snapshot);
    this.snapshotToRestore = snapshot;
    this.committed = this.committed.filter((e) => e.index > snapshot.index);
  }

  take(hardState: HardState): Ready {
    const ready: Ready = {
      hardState: this.hardStateChanged ? hardState : null,
      truncateFrom: this.truncateFrom,
      append: this.append,
      messages: this.messages,
      committed: this.committed,
      events: this.events,
      readStates: this.readStates.length === 0 ? NO_READS : this.readStates,
      snapshot: this.snapshotToPersist,
      restore: this.snapshotToRestore,
    };
    this.snapshotToPersist = null;
    this.snapshotToRestore = null;
    this.hardStateChanged = false;
    this.truncateFrom = null;
    this.append = this.later;
    this.later = [];
    this.messages = [];
    this.committed = [];
    this.events = [];
    if (this.readStates.length > 0) this.readStates = [];
    return ready;
  }
}
