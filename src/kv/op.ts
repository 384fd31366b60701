/** One client call: settles while the cluster runs, pollable synchronously. */
import { copyState, type SelfCopying } from '../util/state-copy';
import type { KvResult, ServedBy } from './types';

export type KvOutcome = 'ok' | 'fail' | 'unknown';

export interface KvOp {
  readonly done: boolean;
  /** fail = definitely not applied; unknown = may or may not have applied. */
  readonly outcome?: KvOutcome;
  readonly result?: KvResult;
  readonly error?: string;
  /** How many requests were sent for it (1 when no retry was needed). */
  readonly attempts: number;
  /** A GET answered without a log write (§6.4): how. Absent when it went through the log. */
  readonly servedBy?: ServedBy;
  readonly promise: Promise<KvOp>;
}

export class KvOpHandle implements KvOp, SelfCopying {
  done = false;
  outcome?: KvOutcome;
  result?: KvResult;
  error?: string;
  attempts = 0;
  servedBy?: ServedBy;
  readonly promise: Promise<KvOp>;
  private resolve!: (op: KvOp) => void;

  constructor() {
    this.promise = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** A copy of a cluster's state (a checkpoint) gets its own handle, settled alike. */
  [copyState](): KvOpHandle {
    const copy = new KvOpHandle();
    copy.attempts = this.attempts;
    if (this.done) copy.settle(this.outcome!, this.result, this.error, this.servedBy);
    return copy;
  }

  settle(outcome: KvOutcome, result?: KvResult, error?: string, servedBy?: ServedBy): void {
    if (this.done) return;
    this.done = true;
    this.outcome = outcome;
    if (servedBy !== undefined) this.servedBy = servedBy;
    if (result !== undefined) this.result = result;
    if (error !== undefined) this.error = error;
    this.resolve(this);
  }
}
