/**
 * Builds the app as a test build into a scratch folder, serves it, and opens it in
 * headless Chromium: the shared start of every browser benchmark.
 */
import { type Browser, chromium, type Page } from '@playwright/test';
import { build, type PreviewServer, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium';

export interface BenchPage {
  readonly browser: Browser;
  readonly page: Page;
  readonly url: string;
  close(): Promise<void>;
}

const OUT_DIR = 'reports/bench-dist';

export async function openBenchPage(path = './'): Promise<BenchPage> {
  process.env.VITE_TEST_API = '1';
  await build({ logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    build: { outDir: OUT_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const base = server.resolvedUrls?.local[0];
  if (base === undefined) throw new Error('vite preview did not report its address');
  const executablePath = chromiumPath();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const url = new URL(path, base).toString();
  page.on('console', (m) => {
    if (m.text().includes('STATS')) console.log(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __raft?: { state(): unknown } }).__raft?.state() != null,
  );
  return {
    browser,
    page,
    url,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}
