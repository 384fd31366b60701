import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { expect, type Page, test } from '@playwright/test';
import type { RaftPlayground } from '../src/embed/embed';

/**
 * A course page on another origin (another port of 127.0.0.1) embeds the app with
 * embed.js and drives it through the message API: the demo page from the build, and a
 * bare page that posts raw messages.
 */
let host: Server;
let hostOrigin = '';
let appOrigin = '';

test.beforeAll(async () => {
  appOrigin = new URL(test.info().project.use.baseURL!).origin;
  const port = Number(new URL(appOrigin).port) + 1;
  hostOrigin = `http://127.0.0.1:${port}`;
  const demo = readFileSync('dist/embed-demo.html', 'utf8');
  host = createServer((req, res) => {
    const path = new URL(req.url ?? '/', hostOrigin).pathname;
    res.setHeader('Content-Type', 'text/html');
    if (path === '/course.html') res.end(demo);
    else if (path === '/raw.html') res.end('<!doctype html><title>raw host</title><body></body>');
    else {
      res.statusCode = 404;
      res.end('not here');
    }
  });
  await new Promise<void>((resolve) => host.listen(port, '127.0.0.1', resolve));
});

test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

const events = (page: Page) => page.getByRole('list', { name: 'Events from the playground' });

test('a course page on another origin drives the app through embed.js and hears its events', async ({
  page,
}) => {
  await page.goto(`${hostOrigin}/course.html?app=${appOrigin}/`);
  const app = page.frameLocator('iframe[title="Raft playground (embedded)"]');
  await expect(app.getByRole('region', { name: 'Logs', exact: true })).toBeVisible();
  await expect(events(page)).toContainText(/S\d became leader of term \d+/, { timeout: 20_000 });
  // The state table is fed by the subscription.
  const table = page.getByRole('table', { name: 'Cluster state' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table).toContainText('leader');

  await page.getByRole('button', { name: 'Crash the leader' }).click();
  await expect(events(page)).toContainText(/S\d crashed/);
  await expect(table).toContainText('crashed');
  await expect(events(page)).toContainText(/became leader of term [2-9]/, { timeout: 20_000 });
  // A write through the API commits one more entry.
  const commits = events(page).getByText(/^entry \d+ committed/);
  await expect(commits.first()).toBeVisible({ timeout: 20_000 });
  const before = await commits.count();
  await page.getByRole('button', { name: 'Write x = 1' }).click();
  await expect.poll(() => commits.count(), { timeout: 20_000 }).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Restart crashed nodes' }).click();
  await expect(events(page)).toContainText(/S\d restarted/);

  // The typed API: replies, and errors as rejected promises with the app's sentence.
  const reply = await page.evaluate(async () => {
    const p = (window as unknown as { playground: RaftPlayground }).playground;
    const state = await p.getState();
    const bad = await p.crash('S9').then(
      () => 'accepted',
      (e: Error) => e.message,
    );
    return { nodes: state.nodes.length, bad };
  });
  expect(reply).toEqual({
    nodes: 5,
    bad: 'no node "S9": this cluster has S1 to S5 (or 0 to 4)',
  });

  // Leadership transfer from the host page: the named node leads soon after.
  const target = await page.evaluate(async () => {
    const p = (window as unknown as { playground: RaftPlayground }).playground;
    const state = await p.getState();
    const leader = state.nodes.findIndex((n) => n.role === 'leader');
    const to = leader === 1 ? 'S1' : 'S2';
    await p.transferLeadership(to);
    return to;
  });
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const p = (window as unknown as { playground: RaftPlayground }).playground;
          const state = await p.getState();
          return `S${state.nodes.findIndex((n) => n.role === 'leader') + 1}`;
        }),
      { timeout: 20_000 },
    )
    .toBe(target);

  // Locked, the viewer watches: no play button; unlocked, it is back.
  await expect(app.getByRole('button', { name: /Play|Pause/ })).toBeVisible();
  await page.getByRole('button', { name: 'Lock the viewer' }).click();
  await expect(app.getByRole('button', { name: /Play|Pause/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Unlock the viewer' }).click();
  await expect(app.getByRole('button', { name: /Play|Pause/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/embed-course-page.png', fullPage: true });

  // A lesson loaded by the host: the app reloads with it and says ready again.
  const lesson = await page.evaluate(async () => {
    const p = (window as unknown as { playground: RaftPlayground }).playground;
    const info = await p.loadLesson('leader-election');
    await p.showPanels('lesson', 'cluster');
    return info.lesson;
  });
  expect(lesson).toMatchObject({ id: 'leader-election', steps: expect.any(Number) });
  await expect(app.getByRole('complementary', { name: 'Lesson' })).toBeVisible();
  await expect(events(page)).toContainText('lesson step 1');
  await expect(app.getByText(/^Step 1 of \d+$/)).toBeVisible();
  // The viewer answers the lesson's question in the frame; the course page hears it.
  await app.getByRole('radio').first().check();
  await app.getByRole('button', { name: 'Run step' }).click();
  await expect(events(page)).toContainText(/prediction of step 1: (right|not this time)/, {
    timeout: 30_000,
  });
  // A text scenario loaded by the host replays to its end.
  const scenario = await page.evaluate(async () => {
    const p = (window as unknown as { playground: RaftPlayground }).playground;
    await p.loadScenario('nodes 3 seed 4\n----\n\nrun 800\n----\n');
    await p.showPanels('timeline', 'cluster');
    return p.getState();
  });
  expect(scenario.nodes).toHaveLength(3);
  await page.screenshot({ path: 'test-results/embed-course-lesson.png', fullPage: true });
});

/** Posts raw messages to an app in a bare host page; collects what comes back. */
async function rawHost(page: Page, appQuery: string): Promise<void> {
  await page.goto(`${hostOrigin}/raw.html`);
  await page.evaluate(
    ({ src }) =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { received: unknown[] };
        w.received = [];
        window.addEventListener('message', (e) => {
          w.received.push(e.data);
          if ((e.data as { type?: string }).type === 'ready') resolve();
        });
        const frame = document.createElement('iframe');
        frame.src = src;
        frame.title = 'app';
        document.body.append(frame);
      }),
    { src: `${appOrigin}/?embed=1&${appQuery}` },
  );
}

const received = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: Array<Record<string, unknown>> }).received);

const post = (page: Page, message: unknown) =>
  page.evaluate((m) => {
    const frame = document.querySelector('iframe')!;
    frame.contentWindow!.postMessage(m, '*');
  }, message);

test('a malformed message is answered with an error, never thrown; the cluster keeps running', async ({
  page,
}) => {
  await rawHost(page, 'nodes=3');
  const ready = (await received(page)).find((m) => m.type === 'ready');
  expect(ready).toMatchObject({ protocol: 'raft-playground', version: 1, lesson: null });
  const v = { protocol: 'raft-playground', version: 1 };
  const cases: Array<[unknown, string]> = [
    ['hello', 'a message must be an object'],
    [{ type: 'play' }, 'a message must have protocol: "raft-playground"'],
    [{ ...v, version: 2, id: 1, type: 'play' }, 'protocol version 2 is not spoken here'],
    [{ ...v, id: 2, type: 'fly' }, 'unknown message type "fly"'],
    [{ ...v, id: 3, type: 'crash' }, 'crash: node:'],
    [{ ...v, id: 4, type: 'set-speed', speed: 1e9 }, 'set-speed: speed:'],
    [{ ...v, id: 5, type: 'kv', command: 'FLY x' }, 'unknown command FLY'],
    [{ ...v, id: 6, type: 'load-lesson', lesson: 'no-such-lesson' }, 'no built-in lesson'],
    [{ ...v, id: 7, type: 'load-run', link: 'https://x.org/#run=AAAA' }, 'not a shared run'],
  ];
  for (const [message] of cases) await post(page, message);
  await expect
    .poll(async () => (await received(page)).filter((m) => m.type === 'error').length)
    .toBe(cases.length);
  const errors = (await received(page)).filter((m) => m.type === 'error');
  const messages = errors.map((m) => String(m.message));
  for (const [, text] of cases) expect(messages.filter((m) => m.includes(text))).toHaveLength(1);
  // Still running, and answering.
  await post(page, { ...v, id: 'last', type: 'get-state' });
  await expect
    .poll(async () => (await received(page)).find((m) => m.id === 'last')?.type)
    .toBe('state');
  const state = (await received(page)).find((m) => m.id === 'last')!.state as {
    nodes: unknown[];
  };
  expect(state.nodes).toHaveLength(3);
});

test('with origin= the app answers only those origins', async ({ page }) => {
  await page.goto(`${hostOrigin}/raw.html`);
  // An app told to answer another origin never says ready here, and ignores what we post.
  await page.evaluate(
    ({ other, mine }) => {
      const w = window as unknown as { received: Array<{ frame: string; data: unknown }> };
      w.received = [];
      window.addEventListener('message', (e) => {
        const frame = [...document.querySelectorAll('iframe')].find(
          (f) => f.contentWindow === e.source,
        );
        w.received.push({ frame: frame?.title ?? '?', data: e.data });
      });
      for (const [title, src] of [
        ['other', other],
        ['mine', mine],
      ]) {
        const f = document.createElement('iframe');
        f.title = title!;
        f.src = src!;
        document.body.append(f);
      }
    },
    {
      other: `${appOrigin}/?embed=1&nodes=3&origin=https://course.example.org`,
      mine: `${appOrigin}/?embed=1&nodes=3&origin=${encodeURIComponent(hostOrigin)}`,
    },
  );
  const from = (frame: string) =>
    page.evaluate(
      (f) =>
        (
          window as unknown as { received: Array<{ frame: string; data: { type: string } }> }
        ).received
          .filter((r) => r.frame === f)
          .map((r) => r.data.type),
      frame,
    );
  await expect.poll(() => from('mine')).toContain('ready');
  // Both frames get the same question; only the one that answers this origin replies.
  await page.evaluate(() => {
    for (const f of document.querySelectorAll('iframe'))
      f.contentWindow!.postMessage(
        { protocol: 'raft-playground', version: 1, id: 1, type: 'get-state' },
        '*',
      );
  });
  await expect.poll(() => from('mine')).toContain('state');
  // The other frame has had as long: it said nothing at all.
  await page
    .frameLocator('iframe[title="other"]')
    .getByRole('region', { name: 'Cluster' })
    .waitFor();
  expect(await from('other')).toEqual([]);
});

test('embed parameters: panels in order, locked, dark, fitted to a small frame', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 240 });
  await page.goto('/?embed=1&panels=logs,cluster,console&lock=1&theme=dark&paused=1');
  await expect(page.locator('.embed-panel')).toHaveCount(3);
  const names = await page
    .locator('.embed-panel')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names).toEqual(['Logs', 'Cluster', 'KV console']);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: /Play|Pause/ })).toHaveCount(0);
  // Nothing wider than the frame.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/embed-320x240.png' });
  // Unlocked, a click on a node opens its menu in the frame.
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto('/?embed=1&nodes=3');
  await page.getByRole('button', { name: /^S2, / }).click();
  const menu = page.getByRole('region', { name: 'S2 menu' });
  await menu.getByRole('button', { name: 'Crash' }).click();
  await expect(page.getByRole('button', { name: /^S2, crashed/ })).toBeVisible();
  await menu.getByRole('button', { name: 'Restart' }).click();
  await expect(
    page.getByRole('button', { name: /^S2, (follower|candidate|leader)/ }),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/embed-node-menu.png' });
});
