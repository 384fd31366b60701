/**
 * The page's failure finder: chaos schedules in background workers (one fewer than the
 * machine's cores, at least one), each trying its share of the seeds; then the lowest
 * failing seed's run, shrunk in a worker of its own. Waiting for the lowest seed (not the
 * first worker to answer) keeps the result the same on every machine.
 */
import type { UnsafeSwitch } from '../../raft/unsafe';
import type { FindReply, FindRequest } from '../../runtime/find-protocol';
import type { FailingRun } from '../../sim/find/failing-run';
import type { ShrinkProgress } from '../../sim/find/shrink';

/** Seeds the whole search tries before it says it found nothing. */
export const FIND_SEEDS_MAX = 1000;

export type FinderState =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'searching';
      readonly bug: UnsafeSwitch;
      readonly tried: number;
      readonly startedAt: number;
      readonly workers: number;
    }
  | {
      readonly phase: 'shrinking';
      readonly bug: UnsafeSwitch;
      readonly tried: number;
      readonly startedAt: number;
      readonly found: FailingRun;
      readonly progress: ShrinkProgress | null;
    }
  | {
      readonly phase: 'done';
      readonly bug: UnsafeSwitch;
      readonly tried: number;
      readonly elapsedMs: number;
      readonly found: FailingRun;
      readonly run: FailingRun;
      readonly tests: number;
    }
  | {
      readonly phase: 'none';
      readonly bug: UnsafeSwitch;
      readonly tried: number;
      readonly elapsedMs: number;
    }
  | {
      readonly phase: 'stopped';
      readonly bug: UnsafeSwitch;
      readonly tried: number;
      readonly elapsedMs: number;
    }
  | { readonly phase: 'failed'; readonly bug: UnsafeSwitch; readonly message: string };

export type WorkerFactory = () => Pick<Worker, 'postMessage' | 'terminate' | 'addEventListener'>;

export const browserWorker: WorkerFactory = () =>
  new Worker(new URL('../../runtime/find-worker.ts', import.meta.url), { type: 'module' });

export function workerCount(cores = globalThis.navigator?.hardwareConcurrency ?? 2): number {
  return Math.max(1, Math.floor(cores) - 1);
}

interface Searcher {
  readonly worker: ReturnType<WorkerFactory>;
  /** The last seed it reported (tried or found). */
  last: number;
  done: boolean;
}

export class FailureFinder {
  private current: FinderState = { phase: 'idle' };
  private readonly listeners = new Set<() => void>();
  private searchers: Searcher[] = [];
  private shrinker: ReturnType<WorkerFactory> | null = null;
  private best: FailingRun | null = null;

  constructor(
    private readonly newWorker: WorkerFactory = browserWorker,
    private readonly workers = workerCount(),
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get state(): FinderState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(bug: UnsafeSwitch): void {
    this.stopWorkers();
    this.best = null;
    const stride = this.workers;
    const seeds = Math.ceil(FIND_SEEDS_MAX / stride);
    this.set({ phase: 'searching', bug, tried: 0, startedAt: this.clock(), workers: stride });
    this.searchers = Array.from({ length: stride }, (_, k) => {
      const searcher: Searcher = { worker: this.newWorker(), last: 0, done: false };
      searcher.worker.addEventListener('message', (e) =>
        this.onSearch(searcher, (e as MessageEvent<FindReply>).data),
      );
      searcher.worker.addEventListener('error', () =>
        this.fail(bug, 'a search worker stopped with an error'),
      );
      const request: FindRequest = { type: 'find', bug, first: 1 + k, stride, seeds };
      searcher.worker.postMessage(request);
      return searcher;
    });
  }

  stop(): void {
    const s = this.current;
    if (s.phase !== 'searching' && s.phase !== 'shrinking') return;
    this.stopWorkers();
    this.set({
      phase: 'stopped',
      bug: s.bug,
      tried: s.tried,
      elapsedMs: this.clock() - s.startedAt,
    });
  }

  private onSearch(searcher: Searcher, reply: FindReply): void {
    const s = this.current;
    if (s.phase !== 'searching' || searcher.done) return;
    if (reply.type === 'tried') {
      searcher.last = reply.seed;
      this.set({ ...s, tried: s.tried + 1 });
      // Past the lowest failing seed, a worker can find nothing lower.
      if (this.best !== null && reply.seed > this.best.options.seed) this.retire(searcher);
    } else if (reply.type === 'found') {
      searcher.last = reply.run.options.seed;
      if (this.best === null || reply.run.options.seed < this.best.options.seed)
        this.best = reply.run;
      this.set({ ...s, tried: s.tried + 1 });
      this.retire(searcher);
      for (const other of this.searchers)
        if (!other.done && other.last > reply.run.options.seed) this.retire(other);
    } else if (reply.type === 'exhausted') this.retire(searcher);
    else if (reply.type === 'error') this.fail(s.bug, reply.message);
    if (this.current.phase === 'searching' && this.searchers.every((w) => w.done)) this.searched();
  }

  private retire(searcher: Searcher): void {
    searcher.done = true;
    searcher.worker.terminate();
  }

  private searched(): void {
    const s = this.current;
    if (s.phase !== 'searching') return;
    const found = this.best;
    if (found === null) {
      this.set({
        phase: 'none',
        bug: s.bug,
        tried: s.tried,
        elapsedMs: this.clock() - s.startedAt,
      });
      return;
    }
    this.set({
      phase: 'shrinking',
      bug: s.bug,
      tried: s.tried,
      startedAt: s.startedAt,
      found,
      progress: null,
    });
    const worker = this.newWorker();
    this.shrinker = worker;
    worker.addEventListener('message', (e) => this.onShrink((e as MessageEvent<FindReply>).data));
    worker.addEventListener('error', () =>
      this.fail(s.bug, 'the shrinking worker stopped with an error'),
    );
    const request: FindRequest = { type: 'shrink', run: found };
    worker.postMessage(request);
  }

  private onShrink(reply: FindReply): void {
    const s = this.current;
    if (s.phase !== 'shrinking') return;
    if (reply.type === 'shrinking') this.set({ ...s, progress: reply.progress });
    else if (reply.type === 'error') this.fail(s.bug, reply.message);
    else if (reply.type === 'shrunk') {
      this.stopWorkers();
      this.set({
        phase: 'done',
        bug: s.bug,
        tried: s.tried,
        elapsedMs: this.clock() - s.startedAt,
        found: s.found,
        run: reply.run,
        tests: reply.tests,
      });
    }
  }

  private fail(bug: UnsafeSwitch, message: string): void {
    this.stopWorkers();
    this.set({ phase: 'failed', bug, message });
  }

  private stopWorkers(): void {
    for (const s of this.searchers) if (!s.done) this.retire(s);
    this.searchers = [];
    this.shrinker?.terminate();
    this.shrinker = null;
  }

  private set(state: FinderState): void {
    this.current = state;
    for (const listener of this.listeners) listener();
  }
}
