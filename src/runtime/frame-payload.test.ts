import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace';
import { glyphOf, messageFields } from '../ui/cluster/message-fields';
import { describeMessage } from '../ui/events/explain';
import { entryCount, FRAME_ENTRIES_MAX, previewEvent, previewMessage } from './frame-payload';

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ index: i + 5, term: 2, command: null }));

const append = (n: number) => ({
  id: 9,
  from: 0,
  to: 1,
  type: 'AppendEntries',
  term: 2,
  sentAt: 0,
  deliverAt: 3,
  held: false,
  payload: { type: 'AppendEntries', prevLogIndex: 4, entries: entries(n), leaderCommit: 4 },
});

describe("a frame's preview of a message", () => {
  it('keeps the first entries of a long batch and counts the rest', () => {
    const m = previewMessage(append(64));
    expect(m.payload.entries).toEqual(entries(FRAME_ENTRIES_MAX));
    expect(m.payload).toMatchObject({ entriesOmitted: 64 - FRAME_ENTRIES_MAX, leaderCommit: 4 });
    expect(entryCount(m.payload)).toBe(64);
  });

  it('leaves a short message as it is, the very same object', () => {
    const m = append(FRAME_ENTRIES_MAX);
    expect(previewMessage(m)).toBe(m);
    const vote = { kind: 'send', t: 1, id: 2, from: 0, to: 1, type: 'RequestVote', term: 1 };
    const e = { ...vote, deliverAt: 3, message: { term: 1 } } as TraceEvent;
    expect(previewEvent(e)).toBe(e);
  });

  it('the page tells the whole batch from a cut one: glyph, panel and event log', () => {
    const whole = append(64);
    const cut = previewMessage(whole);
    expect(glyphOf(cut)).toEqual(glyphOf(whole));
    expect(glyphOf(cut).kind).toBe('64 entries');
    expect(messageFields(cut)).toEqual(messageFields(whole));
    expect(messageFields(cut).find((f) => f.label === 'entries')?.value).toMatch(
      /^64: #5 .*\+61 more$/,
    );
    expect(messageFields(cut).some((f) => f.label === 'entriesOmitted')).toBe(false);
    const sent = {
      kind: 'send',
      t: 1,
      id: 9,
      from: 0,
      to: 1,
      type: 'AppendEntries',
      term: 2,
      deliverAt: 3,
      message: whole.payload,
    } as TraceEvent;
    const shown = previewEvent(sent) as Extract<TraceEvent, { kind: 'send' }>;
    expect(describeMessage('AppendEntries', shown.message)).toBe(
      'AppendEntries (64 entries, commit 4)',
    );
  });
});
