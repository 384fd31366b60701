import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { state } from './helpers';

const lesson = (page: Page) => page.getByRole('complementary', { name: 'Lesson' });

/** Clicks the leader in the drawing, then its Crash button, as a learner would. */
async function crashLeaderByClicking(page: Page): Promise<void> {
  const leader = (await state(page)).leader!;
  await page
    .getByRole('button', { name: new RegExp(`^S${leader + 1}\\b`) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
}

test('a lesson plays through with the mouse and the keyboard: a prediction, a task, going back', async ({
  page,
}) => {
  await page.goto('/?lesson=leader-election');
  const panel = lesson(page);
  await expect(panel.getByRole('heading', { name: 'Leader election and terms' })).toBeVisible();
  await expect(panel.getByText('Step 1 of 5')).toBeVisible();
  await panel.getByText('Words in this step').click();
  await expect(panel.getByText(/A server that answers the leader and candidates/)).toBeVisible();
  await page.screenshot({ path: 'test-results/lesson-desktop.png' });
  // A question first: the step cannot start until it is answered.
  const play = panel.getByRole('button', { name: 'Choose an answer' });
  await expect(play).toBeDisabled();
  await panel.getByRole('radio', { name: /Become a candidate/ }).check();
  await panel.getByRole('button', { name: 'Run step' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'You said' })).toContainText('Right!', {
    timeout: 20_000,
  });
  // The step ended where the lesson's run ended it: a candidate, no leader yet.
  const s = await state(page);
  expect(s.nodes.some((n) => n.status?.role === 'candidate')).toBe(true);
  // Next, with the keyboard.
  await panel.getByRole('button', { name: 'Next step' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByText('Step 2 of 5')).toBeVisible();
  await panel.getByRole('radio', { name: /Three/ }).focus();
  await page.keyboard.press('Space');
  await panel.getByRole('button', { name: 'Run step' }).press('Enter');
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeEnabled({ timeout: 20_000 });
  await panel.getByRole('button', { name: 'Next step' }).click();
  // Step 3 points at the leader in the drawing.
  await expect(page.locator('.cluster-canvas .node.highlighted')).toHaveCount(1);
  await panel.getByRole('button', { name: 'Run step' }).click();
  await page.screenshot({ path: 'test-results/lesson-highlight.png' });
  await expect(panel.getByRole('button', { name: 'Next step' })).toBeEnabled({ timeout: 20_000 });
  await panel.getByRole('button', { name: 'Next step' }).click();
  // The task: crash the leader by clicking it and its Crash button.
  await expect(panel.getByText('Step 4 of 5')).toBeVisible();
  await panel.getByRole('radio', { name: /Another server/ }).check();
  await panel.getByRole('button', { name: 'Run step' }).click();
  await expect(panel.getByRole('button', { name: 'Show me' })).toBeVisible();
  await crashLeaderByClicking(page);
  await expect(panel.getByText('Task done.')).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByRole('status').filter({ hasText: 'You said' })).toContainText('Right!', {
    timeout: 20_000,
  });
  await page.screenshot({ path: 'test-results/lesson-task-done.png' });
  // Back opens the previous step at its exact start.
  await panel.getByRole('button', { name: 'Previous step' }).click();
  await expect(panel.getByText('Step 3 of 5')).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await state(page)).leader).not.toBeNull();
  expect((await state(page)).nodes.every((n) => n.alive)).toBe(true);
});

test('a lesson on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lesson=partition');
  await expect(lesson(page).getByRole('heading', { name: /A partition/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/lesson-phone.png' });
});

test('a broken lesson link says why and opens your own cluster', async ({ page }) => {
  await page.goto('/?lesson=no-such-lesson');
  await expect(
    page.getByText(/The lesson could not be opened: there is no built-in lesson/),
  ).toBeVisible();
  await expect(lesson(page)).toHaveCount(0);
  expect((await state(page)).nodes.length).toBeGreaterThan(0);
});

test('a first visit offers a guided start; "Just let me play" is remembered', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await expect(welcome.getByRole('link', { name: 'New to Raft? Start here' })).toBeVisible();
  await welcome.getByRole('link', { name: 'Just let me play' }).click();
  await expect(welcome).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Lessons' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(0);
});

test('a lesson file opened from disk plays; a broken one says where it is wrong', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Lessons' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons' });
  const lessonFiles = readdirSync('lessons').filter((f) => f.endsWith('.json'));
  await expect(dialog.getByRole('link')).toHaveCount(lessonFiles.length);
  const file = dialog.getByLabel('Open a lesson file:');
  await file.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 1,
        id: 'x',
        title: 'X',
        summary: 'x',
        cluster: { nodes: 3, seed: 1 },
        steps: [{ text: 'hi', do: [{ type: 'explode' }] }],
      }),
    ),
  });
  await expect(dialog.getByRole('alert')).toContainText(
    'steps[0].do[0].type: unknown action "explode"',
  );
  const own = readFileSync('lessons/03-log-replication.json', 'utf8');
  await file.setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(own),
  });
  await expect(
    lesson(page).getByRole('heading', { name: 'Log replication and commit' }),
  ).toBeVisible();
  expect(page.url()).toContain('#lesson=');
});

test('a lesson hosted elsewhere is fetched; one that fails to load leaves a note', async ({
  page,
}) => {
  const text = readFileSync('lessons/08-persistence.json', 'utf8');
  await page.route('https://lessons.example/persistence.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: text }),
  );
  await page.route('https://lessons.example/missing.json', (route) =>
    route.fulfill({ status: 404 }),
  );
  await page.goto(`/?lesson=${encodeURIComponent('https://lessons.example/persistence.json')}`);
  await expect(
    lesson(page).getByRole('heading', { name: 'What a crash loses and keeps' }),
  ).toBeVisible();
  await page.goto(`/?lesson=${encodeURIComponent('https://lessons.example/missing.json')}`);
  await expect(page.getByText(/could not be fetched \(HTTP 404\)/)).toBeVisible();
  await expect(lesson(page)).toHaveCount(0);
});

test('free play tells key moments in words, and can pause at them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Just let me play' }).click();
  await expect(page.getByText(/became leader of term 1 with votes from/)).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole('checkbox', { name: 'Pause at key moments' }).check();
  await crashLeaderByClicking(page);
  await expect(page.getByText(/became leader of term [2-9]/)).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await state(page)).paused).toBe(true);
  await page.screenshot({ path: 'test-results/free-play-moments.png' });
});

test('a client pinned to one node sends every try there', async ({ page }) => {
  await page.goto('/');
  await expect.poll(async () => (await state(page)).leader).not.toBeNull();
  const leader = (await state(page)).leader!;
  await page
    .getByRole('combobox', { name: 'The next new one sends to' })
    .selectOption(`S${leader + 1} only`);
  await page.getByRole('button', { name: 'Add a client' }).click();
  await expect(page.getByRole('combobox', { name: 'Client' })).toHaveText(
    `c1 → S${leader + 1} only`,
  );
  await page.getByRole('textbox', { name: /command/i }).fill('SET x 1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.kv-results tbody tr').first()).toContainText('ok', {
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Each try' }).click();
  await expect(page.locator('.kv-tries li')).toHaveText([
    `S${leader + 1}: registered the session`,
    `S${leader + 1}: done`,
  ]);
  await page.screenshot({ path: 'test-results/pinned-client.png' });
});

test('a step opened by its address starts where the lesson left it, and points at log entries', async ({
  page,
}) => {
  await page.goto('/?lesson=commit-own-term&step=2');
  const panel = lesson(page);
  await expect(panel.getByText('Step 2 of 5')).toBeVisible();
  // Step 1 ran before this one: a leader, and entry 1 committed everywhere.
  await expect.poll(async () => (await state(page)).leader).not.toBeNull();
  await panel.getByRole('radio', { name: /No: the leader has not heard/ }).check();
  await panel.getByRole('button', { name: 'Run step' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'You said' })).toContainText('Right!', {
    timeout: 20_000,
  });
  await expect(page.locator('.logcell.highlighted')).toHaveCount(2);
});

test('the build serves the JSON Schema of the lesson format', async ({ request }) => {
  const response = await request.get('/lesson.schema.json');
  expect(response.ok()).toBe(true);
  const schema = await response.json();
  expect(schema.title).toBe('Raft playground lesson');
  expect(schema.properties.format.const).toBe(1);
});
