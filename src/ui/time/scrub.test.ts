import { describe, expect, it } from 'vitest';
import { Scrubber, timelineKeyTarget, violationText, violationTime } from './scrub';

function scrubber() {
  const sent: number[] = [];
  let inFlight = false;
  const s = new Scrubber(
    (at) => {
      sent.push(at);
      inFlight = true;
    },
    () => inFlight,
  );
  const finish = () => {
    inFlight = false;
    s.settled();
  };
  return { s, sent, finish };
}

describe('scrubbing the timeline', () => {
  it('sends a request at once when nothing is in flight', () => {
    const { s, sent } = scrubber();
    s.request(100);
    expect(sent).toEqual([100]);
  });

  it('keeps at most one request in flight and sends only the newest one that waited', () => {
    const { s, sent, finish } = scrubber();
    s.request(100);
    s.request(200);
    s.request(300);
    expect(sent).toEqual([100]);
    expect(s.waiting).toBe(300);
    finish();
    expect(sent).toEqual([100, 300]);
    finish();
    expect(sent).toEqual([100, 300]);
  });

  it('forgets a waiting request when cancelled (back to live)', () => {
    const { s, sent, finish } = scrubber();
    s.request(100);
    s.request(200);
    s.cancel();
    finish();
    expect(sent).toEqual([100]);
  });
});

describe('timeline keys', () => {
  it('arrows step 10 ms, Shift+arrows 100 ms, Page keys 1000 ms, within [0, newest]', () => {
    expect(timelineKeyTarget('ArrowLeft', false, 500, 2000)).toBe(490);
    expect(timelineKeyTarget('ArrowLeft', true, 500, 2000)).toBe(400);
    expect(timelineKeyTarget('ArrowRight', false, 500, 2000)).toBe(510);
    expect(timelineKeyTarget('PageDown', false, 500, 2000)).toBe(0);
    expect(timelineKeyTarget('PageUp', false, 500, 2000)).toBe(1500);
    expect(timelineKeyTarget('ArrowDown', false, 5, 2000)).toBe(0);
  });

  it('going past the newest moment, or End, returns to live; Home goes to the start', () => {
    expect(timelineKeyTarget('ArrowRight', false, 1995, 2000)).toBe('live');
    expect(timelineKeyTarget('PageUp', false, 1500, 2000)).toBe('live');
    expect(timelineKeyTarget('End', false, 10, 2000)).toBe('live');
    expect(timelineKeyTarget('Home', false, 1000, 2000)).toBe(0);
  });

  it('leaves other keys alone', () => {
    expect(timelineKeyTarget('a', false, 10, 2000)).toBeNull();
    expect(timelineKeyTarget('Enter', false, 10, 2000)).toBeNull();
  });
});

describe("a violation's moment", () => {
  const sentence = 'election safety: two leaders in term 3: S2 and S3 (event #812, t=123.4 ms)';

  it('is read from the "(event #N, t=… ms)" tail', () => {
    expect(violationTime(sentence)).toBe(123.4);
    expect(violationTime('log matching: … (event #1, t=0 ms)')).toBe(0);
    expect(violationTime('x (event #9, t=4512 ms)')).toBe(4512);
  });

  it('is null when the sentence has no moment or a malformed one', () => {
    expect(violationTime('something went wrong')).toBeNull();
    expect(violationTime('x (event #9, t=abc ms)')).toBeNull();
    expect(violationTime('x (t=12 ms)')).toBeNull();
  });

  it('can be cut off the sentence for display', () => {
    expect(violationText(sentence)).toBe('election safety: two leaders in term 3: S2 and S3');
    expect(violationText('no tail')).toBe('no tail');
  });
});
