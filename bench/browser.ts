/**
 * npm run bench:browser: the browser runtime in headless Chromium. A closed loop of
 * commands proposed in batches (256 outstanding; BENCH_OUTSTANDING, BENCH_COMMITS) on 5
 * Web Worker nodes with real IndexedDB, once as bare as possible and once building trace
 * events as the app does; the same with the workers keeping state in memory; and
 * in-process nodes inside the same scheduler worker (the cost of the worker round trip).
 * Writes reports/bench-browser.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { openBenchPage } from './browser-page';
import { formatSection } from './table';
import type { BenchRow, BenchSection } from './types';

const REPORT_PATH = 'reports/bench-browser.json';

interface LoopResult {
  commitsPerSecond: number;
  eventsPerSecond: number;
  wallMsPerEvent: number;
  latencyMedianMs: number;
  latencyP99Ms: number;
  commits: number;
  wallMs: number;
}

async function main(): Promise<void> {
  const commits = Number(process.env.BENCH_COMMITS ?? 20_000);
  const outstanding = Number(process.env.BENCH_OUTSTANDING ?? 256);
  const bench = await openBenchPage();
  try {
    const result = (await bench.page.evaluate(
      (args) =>
        (
          window as unknown as { __raft: { controller: { request(i: unknown): Promise<unknown> } } }
        ).__raft.controller.request({ kind: 'bench', nodes: 5, ...args }),
      { commits, outstanding },
    )) as Record<'workers' | 'workersTraced' | 'workersInMemory' | 'inProcess', LoopResult>;
    const row = (name: string, r: LoopResult): BenchRow => ({
      name,
      figures: {
        'commits/s': Math.round(r.commitsPerSecond),
        'events/s': Math.round(r.eventsPerSecond),
        'wall ms/event': Number(r.wallMsPerEvent.toFixed(4)),
        'latency p50 ms': Number(r.latencyMedianMs.toFixed(1)),
        'latency p99 ms': Number(r.latencyP99Ms.toFixed(1)),
        commits: r.commits,
      },
    });
    const section: BenchSection = {
      name: 'browser-runtime',
      description: `5 nodes, closed loop of ${commits} commands with ${outstanding} outstanding, headless Chromium; latency is wall ms from proposal to commit at the leader`,
      rows: [
        row('5 worker nodes, IndexedDB', result.workers),
        row('5 worker nodes, IndexedDB, traced as in the app', result.workersTraced),
        row('5 worker nodes, memory', result.workersInMemory),
        row('5 in-process nodes (same worker)', result.inProcess),
      ],
    };
    console.log(formatSection(section));
    mkdirSync('reports', { recursive: true });
    writeFileSync(
      REPORT_PATH,
      `${JSON.stringify({ createdAt: new Date().toISOString(), sections: [section] }, null, 2)}\n`,
    );
    console.log(`\nbench:browser: wrote ${REPORT_PATH}`);
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
