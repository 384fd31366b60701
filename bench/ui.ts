/**
 * npm run bench:ui: the page in headless Chromium, as a learner runs it. For 5 nodes at
 * the default speed and for 9 nodes at full speed with many messages in flight and
 * 10,000-entry logs: main-thread busy % (Chrome's TaskDuration) over the first half of
 * the run, frames per second and frame time p95 (a requestAnimationFrame probe) over the
 * second, JS heap growth per minute over both, and the size of
 * the JS bundle (gzip). Writes reports/bench-ui.json. Never part of the test suite.
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

interface Scenario {
  readonly name: string;
  readonly path: string;
  prepare(page: Page): Promise<void>;
}

const api = (page: Page, code: string) => page.evaluate(code);

const SCENARIOS: Scenario[] = [
  {
    name: '5 nodes, default speed, a client writing',
    path: './?nodes=5&seed=11',
    prepare: async (page) => {
      await api(page, `window.__raft.intervene({ type: 'addClient' })`);
      await api(
        page,
        `setInterval(() => window.__raft.intervene({ type: 'kv', client: 'c1', command: { op: 'append', key: 'k', value: 'x' } }), 1000)`,
      );
    },
  },
  {
    name: '9 nodes, full speed, 30-80 ms network, 10k-entry logs',
    path: './?nodes=9&seed=12&speed=max',
    prepare: async (page) => {
      await api(
        page,
        `window.__raft.intervene({ type: 'setNetwork', network: { delayMs: [30, 80] } })`,
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
      await api(page, `window.__raft.intervene({ type: 'addClient' })`);
      await api(
        page,
        `setInterval(() => window.__raft.intervene({ type: 'kv', client: 'c1', command: { op: 'append', key: 'k', value: 'x' } }), 200)`,
      );
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
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const frames0 = Date.now();
  await page.waitForTimeout((seconds * 1000) / 2);
  const frames1 = Date.now();
  await cdp.send('HeapProfiler.collectGarbage');
  const heap1 = await metric('JSHeapUsedSize');
  const frames = ((await page.evaluate('window.__frames')) as number[]).slice(2);
  const state = (await page.evaluate('window.__raft.state()')) as {
    messagesInFlight: number;
    logs: unknown[][];
  };
  frames.sort((a, b) => a - b);
  const wallS = (wall1 - wall0) / 1000;
  const heapS = (frames1 - wall0) / 1000;
  return {
    fps: frames.length / ((frames1 - frames0) / 1000),
    'frame p95 ms': frames[Math.floor(frames.length * 0.95)] ?? 0,
    'main busy %': ((task1 - task0) / wallS) * 100,
    'heap MB/min': ((heap1 - heap0) / 1e6 / heapS) * 60,
    'heap MB': heap1 / 1e6,
    'messages in flight': state.messagesInFlight,
    'longest log': Math.max(...state.logs.map((l) => l.length)),
  };
}

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
  for (const scenario of SCENARIOS) {
    const bench = await openBenchPage(scenario.path);
    try {
      await scenario.prepare(bench.page);
      const figures = await measure(bench.page, SECONDS);
      rows.push({
        name: scenario.name,
        figures: Object.fromEntries(
          Object.entries(figures).map(([k, v]) => [k, Number(v.toFixed(2))]),
        ),
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
