/**
 * The story kept with the run: bounded in events, characters, refused-line length and
 * clients, each bound reached here; calls the page left waiting become unknown.
 */
import { describe, expect, it } from 'vitest';
import {
  CLIENTS_MAX,
  type ClientEvent,
  PAGE_WENT_AWAY,
  REFUSED_TEXT_CHARS_MAX,
  STORY_CHARS_MAX,
  STORY_EVENTS_MAX,
  StoryLog,
} from './run-story';

const call = (t: number, value = '1', client = 'c1'): ClientEvent => ({
  kind: 'client-call',
  t,
  client,
  op: 'set',
  key: 'x',
  value,
});
const ret = (t: number, at: number, client = 'c1'): ClientEvent => ({
  kind: 'client-return',
  t,
  client,
  op: 'set',
  key: 'x',
  call: at,
  attempts: 1,
  outcome: 'ok',
  result: { prevFound: false },
});

describe('the story kept with the run', () => {
  it('a call still waiting when the page went away returns unknown at the resume time', () => {
    const log = new StoryLog();
    log.push(call(10));
    log.push(ret(20, 10));
    log.push(call(30));
    log.push(call(31, '2', 'c2'));
    const resumed = new StoryLog(log.story());
    resumed.closePending(500);
    const returns = resumed.story().events.filter((e) => e.kind === 'client-return');
    expect(returns.slice(1)).toEqual([
      expect.objectContaining({ t: 500, client: 'c1', call: 30, outcome: 'unknown', attempts: 0 }),
      expect.objectContaining({ t: 500, client: 'c2', call: 31, error: PAGE_WENT_AWAY }),
    ]);
    // Closed once: a second resume adds nothing.
    const again = new StoryLog(resumed.story());
    again.closePending(900);
    expect(again.story().events).toHaveLength(6);
  });

  it(`keeps at most STORY_EVENTS_MAX (${STORY_EVENTS_MAX}) events, counting the calls let go`, () => {
    const log = new StoryLog();
    for (let i = 0; i <= STORY_EVENTS_MAX; i += 2) {
      log.push(call(i));
      log.push(ret(i + 1, i));
    }
    const story = log.story();
    expect(story.events.length).toBeLessThanOrEqual(STORY_EVENTS_MAX);
    expect(story.events.length).toBeGreaterThan(STORY_EVENTS_MAX * 0.8);
    const calls = story.events.filter((e) => e.kind === 'client-call').length;
    expect(story.callsDropped + calls).toBe(STORY_EVENTS_MAX / 2 + 1);
    expect(story.events.at(-1)).toEqual(ret(STORY_EVENTS_MAX + 1, STORY_EVENTS_MAX));
  });

  it(`keeps at most STORY_CHARS_MAX (${STORY_CHARS_MAX}) characters of keys, values and texts`, () => {
    const log = new StoryLog();
    const value = 'v'.repeat(64 * 1024);
    const n = Math.ceil(STORY_CHARS_MAX / value.length) + 5;
    for (let i = 0; i < n; i++) log.push(call(i, value));
    const story = log.story();
    const chars = story.events.reduce(
      (sum, e) => sum + (e.kind === 'client-call' ? (e.value?.length ?? 0) : 0),
      0,
    );
    expect(chars).toBeLessThanOrEqual(STORY_CHARS_MAX);
    expect(story.events.length).toBeLessThan(n);
    expect(story.callsDropped).toBe(n - story.events.length);
  });

  it(`cuts a refused line to REFUSED_TEXT_CHARS_MAX (${REFUSED_TEXT_CHARS_MAX}) characters`, () => {
    const log = new StoryLog();
    log.push({ kind: 'refused', t: 1, client: 'c1', text: 'x'.repeat(140_000), error: 'too long' });
    const [line] = log.story().events;
    expect(line).toMatchObject({ kind: 'refused', error: 'too long' });
    expect((line as { text: string }).text).toHaveLength(REFUSED_TEXT_CHARS_MAX);
    expect((line as { text: string }).text.endsWith('…')).toBe(true);
  });

  it(`keeps at most CLIENTS_MAX (${CLIENTS_MAX}) client ids, and counts a change only when there is one`, () => {
    const log = new StoryLog();
    const ids = Array.from({ length: CLIENTS_MAX + 3 }, (_, i) => `c${i + 1}`);
    log.setClients(ids);
    expect(log.story().clients).toEqual(ids.slice(0, CLIENTS_MAX));
    const version = log.version;
    log.setClients(ids);
    expect(log.version).toBe(version);
  });
});
