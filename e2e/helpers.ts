import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';

export interface PageState {
  now: number;
  leader: number | null;
  violations: string[];
  nodes: Array<{
    id: number;
    alive: boolean;
    storage: string;
    status: { role: string; term: number; votedFor: number | null; commitIndex: number } | null;
    durableTerm: number;
    durableVotedFor: number | null;
    logLength: number;
  }>;
  logs: Array<Array<{ index: number; term: number; command: unknown }>>;
  kv: Array<Record<string, string>>;
  problems: string[];
  paused: boolean | undefined;
}

declare global {
  interface Window {
    __raft: {
      state(): PageState | null;
      intervene(action: unknown): Promise<unknown>;
      runFor(ms: number): Promise<number>;
      compare(script: unknown): Promise<{ workers: string; inProcess: string }>;
    };
  }
}

/** Waits for the page's state and reads it in one call (a reset may swap the API between two). */
export async function state(page: Page): Promise<PageState> {
  const handle = await page.waitForFunction(() => window.__raft?.state() ?? null);
  return (await handle.jsonValue()) as PageState;
}

export function intervene(page: Page, action: unknown): Promise<unknown> {
  return page.evaluate((a) => window.__raft.intervene(a), action);
}

/** Runs virtual time at full speed (the cluster keeps running at its own pace afterwards). */
export async function runFor(page: Page, ms: number): Promise<PageState> {
  const now = (await page.evaluate((m) => window.__raft.runFor(m), ms)) as number;
  // The page shows the run once a snapshot from at least that moment has arrived.
  return waitForState(page, (s) => s.now >= now);
}

/** Runs virtual time until `pred` holds on the page's state, up to `maxMs` virtual ms. */
export async function runUntil(
  page: Page,
  pred: (s: PageState) => boolean,
  maxMs = 5000,
): Promise<PageState> {
  let s = await state(page);
  for (let t = 0; t < maxMs && !pred(s); t += 100) s = await runFor(page, 100);
  if (!pred(s))
    throw new Error(`condition not reached within ${maxMs} virtual ms: ${JSON.stringify(s.nodes)}`);
  return s;
}

export function committedPrefix(
  s: PageState,
  node: number,
): Array<{ index: number; term: number }> {
  const commit = s.nodes[node]!.status?.commitIndex ?? 0;
  return s.logs[node]!.slice(0, commit).map((e) => ({ index: e.index, term: e.term }));
}

/**
 * The page draws at most 30 snapshots a second, so it shows an intervention a frame after
 * the runtime made it: waits (wall time, no virtual time) until the page's state agrees.
 */
export async function waitForState(
  page: Page,
  pred: (s: PageState) => boolean,
  timeoutMs = 5000,
): Promise<PageState> {
  const deadline = Date.now() + timeoutMs;
  let s = await state(page);
  while (!pred(s)) {
    if (Date.now() > deadline)
      throw new Error(`the page never showed the expected state: ${JSON.stringify(s.nodes)}`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    s = await state(page);
  }
  return s;
}

/** The console's result rows (the header row excluded), oldest first. */
export const consoleRows = (page: Page) => page.locator('.kv-results tbody tr');

/** Types a line into the KV console and sends it. */
export async function sendLine(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

/** Writes key=value through a new KV client and waits until a majority applied it. */
export async function writeKey(page: Page, key: string, value: string): Promise<void> {
  await runUntil(page, (s) => s.leader !== null);
  const { id } = (await intervene(page, { type: 'addClient' })) as { id: string };
  await intervene(page, { type: 'kv', client: id, command: { op: 'set', key, value } });
  await runUntil(page, (s) => s.kv.filter((kv) => kv[key] === value).length >= 3);
}

/** What two runs must agree on to be the same run at the same moment. */
export function runSummary(s: PageState) {
  return {
    now: s.now,
    leader: s.leader,
    nodes: s.nodes.map((n) => ({ alive: n.alive, role: n.status?.role, term: n.status?.term })),
    logs: s.logs,
    kv: s.kv,
  };
}

/** Opens a share link in a context of its own and waits until its replay reaches `now`. */
export async function openReplay(
  browser: Browser,
  link: string,
  now: number,
): Promise<{ readonly replay: Page; readonly context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const replay = await context.newPage();
  await replay.goto(link);
  await expect
    .poll(async () => (await replay.evaluate(() => window.__raft?.state()?.now)) ?? -1, {
      timeout: 20_000,
    })
    .toBe(now);
  return { replay, context };
}
