/** Peak memory while a benchmark runs, sampled now and then (a sample costs a syscall). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection between measurements, so one measurement's garbage is not the next's
// peak (the npm script cannot pass --expose-gc).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}

export class MemoryPeak {
  heapUsedMax = 0;
  rssMax = 0;
  private calls = 0;

  constructor(private readonly every: number) {
    this.sample();
  }

  /** Call often; samples once every `every` calls. */
  tick(): void {
    if (++this.calls % this.every === 0) this.sample();
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.heapUsed > this.heapUsedMax) this.heapUsedMax = m.heapUsed;
    if (m.rss > this.rssMax) this.rssMax = m.rss;
  }
}

export function megabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
