/**
 * npm run bench:ui: the page in headless Chromium, as a learner runs it. For 5 nodes at
 * the default speed and for 9 nodes at full speed with about 100 messages in flight and
 * 10,000-entry logs: main-thread busy % (Chrome's TaskDuration) over the first half of
 * the run; frames per second, frame time p50/p95/p99 and dropped frames (a
 * requestAnimationFrame probe), state updates drawn per second and the mean of messages
 * in flight over the second; JS
 * heap growth per minute over both. Then a soak (BENCH_UI_SOAK_MINUTES, default 10, 0
 * skips it): heap growth per minute once the page's bounded buffers have filled; and the
 * size of the JS bundle (gzip). BENCH_UI_ONLY=TEXT runs only the scenarios whose name
 * contains TEXT. Writes reports/bench-ui.json. Never part of the test suite.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { openBenchPage } from './browser-page';
import { formatSection } from './table';
import type { BenchRow, BenchSection } from './types';

const REPORT_PATH = 'reports/bench-ui.json';
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 60);
const SOAK_MINUTES = Number(process.env.BENCH_UI_SOAK_MINUTES ?? 10);
/** Only the scenarios whose name contains this (BENCH_UI_ONLY=9 nodes), to try one change. */
const ONLY = process.env.BENCH_UI_ONLY ?? '';
/** One frame at 60 Hz, the display headless Chromium draws for. */
const VSYNC_MS = 1000 / 60;
/** Soak minutes before heap growth counts: the trace, history and console buffers fill. */
const SOAK_WARM_UP_MINUTES = 2;

interface Scenario {
  readonly name: string;
  readonly path: string;
  prepare(page: Page): Promise<void>;
}

const api = (page: Page, code: string) => page.evaluate(code);

/** One client (c1) appending to one key every `ms` wall ms, as a learner's writes would. */
async function clientWriting(page: Page, ms: number): Promise<void> {
  await api(page, `window.__raft.intervene({ type: 'addClient' })`);
  await api(
    page,
    `setInterval(() => window.__raft.intervene({ type: 'kv', client: 'c1', command: { op: 'append', key: 'k', value: 'x' } }), ${ms})`,
  );
}

const SCENARIOS: Scenario[] = [
  {
    name: '5 nodes, default speed, a client writing',
    path: './?nodes=5&seed=11',
    prepare: (page) => clientWriting(page, 1000),
  },
  {
    // A slow network fills the lanes; election timeouts longer than a round trip still elect.
    name: '9 nodes, full speed, 200-400 ms network, 10k-entry logs',
    path: './?nodes=9&seed=12&speed=max&election=1500-3000',
    prepare: async (page) => {
      await api(
        page,
        `window.__raft.intervene({ type: 'setNetwork', network: { delayMs: [200, 400] } })`,
      );
      await api(page, `window.__raft.controller.request({ kind: 'fill', entries: 10000 })`);
      await api(page, `window.__raft.intervene({ type: 'addClient' })`);
      await api(
        page,
        `setInterval(() => window.__raft.controller.request({ kind: 'fill', entries: 20 }), 100)`,
      );
    },
  },
  {
    name: '9 nodes, full speed, the space-time view open (2 s window), a client writing',
    path: './?nodes=9&seed=13&speed=max',
    prepare: async (page) => {
      await page.getByRole('tab', { name: 'Space-time' }).click();
      await page.getByRole('combobox', { name: /^Window/ }).selectOption('2000');
      await clientWriting(page, 200);
    },
  },
];

async function measure(page: Page, seconds: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === name)?.value ?? 0;
  };
  // First half: main-thread work and heap, with nothing of ours running in the page (a
  // requestAnimationFrame probe alone makes the browser render every frame).
  await cdp.send('HeapProfiler.collectGarbage');
  const heap0 = await metric('JSHeapUsedSize');
  const task0 = await metric('TaskDuration');
  const wall0 = Date.now();
  await page.waitForTimeout((seconds * 1000) / 2);
  const task1 = await metric('TaskDuration');
  const wall1 = Date.now();
  // Second half: frame times, from a requestAnimationFrame probe.
  // A string, not a function: tsx would wrap a function with helpers the page lacks.
  await page.evaluate(`(() => {
    window.__updates = 0;
    window.__raft.controller.subscribe(() => { window.__updates++; });
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const frames0 = Date.now();
  const inFlight: number[] = [];
  while (Date.now() - frames0 < (seconds * 1000) / 2) {
    await page.waitForTimeout(1000);
    inFlight.push(await messagesInFlight(page));
  }
  const frames1 = Date.now();
  await cdp.send('HeapProfiler.collectGarbage');
  const heap1 = await metric('JSHeapUsedSize');
  const frames = ((await page.evaluate('window.__frames')) as number[]).slice(2);
  const updates = (await page.evaluate('window.__updates')) as number;
  const state = (await page.evaluate('window.__raft.state()')) as { logs: unknown[][] };
  frames.sort((a, b) => a - b);
  const quantile = (q: number) => frames[Math.floor(frames.length * q)] ?? 0;
  const wallS = (wall1 - wall0) / 1000;
  const heapS = (frames1 - wall0) / 1000;
  return {
    fps: frames.length / ((frames1 - frames0) / 1000),
    // Frames that brought the cluster's new state (the runtime sends at most 30 a second).
    'updates/s': updates / ((frames1 - frames0) / 1000),
    'frame p50 ms': quantile(0.5),
    'frame p95 ms': quantile(0.95),
    'frame p99 ms': quantile(0.99),
    // Frames the page missed: an interval over 1.5 vsyncs. The quantiles above move by a
    // tenth of a ms with the clock's jitter alone; this counts only real misses.
    'dropped frames %': (frames.filter((f) => f > VSYNC_MS * 1.5).length / frames.length) * 100,
    'main busy %': ((task1 - task0) / wallS) * 100,
    'heap MB/min': ((heap1 - heap0) / 1e6 / heapS) * 60,
    'heap MB': heap1 / 1e6,
    'messages in flight': inFlight.reduce((a, b) => a + b, 0) / Math.max(1, inFlight.length),
    'longest log': Math.max(...state.logs.map((l) => l.length)),
  };
}

/** Messages in flight now, drawn or not: read from the snapshot, not the costly state(). */
function messagesInFlight(page: Page): Promise<number> {
  return page.evaluate(
    `(() => { const s = window.__raft.controller.state?.snapshot; return s ? s.messages.length + s.messagesOmitted : 0; })()`,
  ) as Promise<number>;
}

/**
 * The heap after a garbage collection once a minute; its growth per minute after the
 * warm-up is a least-squares slope, so one noisy minute does not decide it.
 */
async function soak(page: Page, minutes: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
  };
  const samples: number[] = [await heap()];
  for (let m = 1; m <= minutes; m++) {
    await page.waitForTimeout(60_000);
    samples.push(await heap());
    console.log(`bench:ui soak: minute ${m}, heap ${samples[m]!.toFixed(1)} MB`);
  }
  const counted = samples.slice(Math.min(SOAK_WARM_UP_MINUTES, minutes - 1));
  return {
    minutes,
    'heap MB/min after warm-up': slope(counted),
    'heap MB at start': samples[0]!,
    'heap MB at end': samples.at(-1)!,
  };
}

/** Least-squares slope of evenly spaced samples (per step). */
function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

const SOAK: Scenario = {
  name: 'soak: 9 nodes, full speed, a client writing',
  path: './?nodes=9&seed=14&speed=max',
  prepare: (page) => clientWriting(page, 500),
};

const rounded = (figures: Record<string, number>) =>
  Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v.toFixed(2))]));

function bundleSizes(dir: string): BenchRow[] {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(join(assets, f));
      return {
        name: f.replace(/-[\w-]{8}\.js$/, '.js'),
        figures: { 'KB gzip': gzipSync(bytes).length / 1024, KB: bytes.length / 1024 },
      };
    });
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  for (const scenario of SCENARIOS.filter((s) => s.name.includes(ONLY))) {
    const bench = await openBenchPage(scenario.path);
    try {
      await scenario.prepare(bench.page);
      const figures = await measure(bench.page, SECONDS);
      rows.push({ name: scenario.name, figures: rounded(figures) });
    } finally {
      await bench.close();
    }
  }
  const soakRows: BenchRow[] = [];
  if (SOAK_MINUTES > 0) {
    const bench = await openBenchPage(SOAK.path);
    try {
      await SOAK.prepare(bench.page);
      soakRows.push({
        name: `${SOAK.name}, ${SOAK_MINUTES} min`,
        figures: rounded(await soak(bench.page, SOAK_MINUTES)),
      });
    } finally {
      await bench.close();
    }
  }
  const sections: BenchSection[] = [
    {
      name: 'ui-frames',
      description: `the page over ${SECONDS} s per scenario, headless Chromium`,
      rows,
    },
    ...(soakRows.length === 0
      ? []
      : [
          {
            name: 'ui-soak',
            description: `JS heap after a GC once a minute; growth counted after ${SOAK_WARM_UP_MINUTES} min of warm-up`,
            rows: soakRows,
          },
        ]),
    {
      name: 'bundle',
      description: 'JavaScript of the production build (main chunk and workers)',
      rows: bundleSizes('reports/bench-dist'),
    },
  ];
  for (const s of sections) console.log(`${formatSection(s)}\n`);
  mkdirSync('reports', { recursive: true });
  writeFileSync(
    REPORT_PATH,
    `${JSON.stringify({ createdAt: new Date().toISOString(), sections }, null, 2)}\n`,
  );
  console.log(`bench:ui: wrote ${REPORT_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
