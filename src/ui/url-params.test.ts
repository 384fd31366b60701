import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEED_MAX, SPEED_MIN } from '../runtime/pacer';
import { SPEED_STOPS } from './time/speed-scale';
import { parseUrlSettings } from './url-params';

describe('URL parameters', () => {
  it('reads nodes, seed, speed and embed', () => {
    expect(parseUrlSettings('?nodes=7&seed=42&speed=0.5&embed=1')).toEqual({
      nodes: 7,
      seed: 42,
      speed: 0.5,
      embed: true,
      cluster: null,
      unsafe: [],
      problems: [],
    });
    expect(parseUrlSettings('?speed=max').speed).toBe('max');
    expect(parseUrlSettings('')).toEqual({
      nodes: null,
      seed: null,
      speed: null,
      embed: false,
      cluster: null,
      unsafe: [],
      problems: [],
    });
  });

  it('reads the safety switches to turn off, and names one that does not exist', () => {
    expect(parseUrlSettings('?unsafe=noElectionRestriction,noClientSessions').unsafe).toEqual([
      'noElectionRestriction',
      'noClientSessions',
    ]);
    const bad = parseUrlSettings('?unsafe=noSafety');
    expect(bad.unsafe).toEqual([]);
    expect(bad.problems[0]).toMatch(/^unsafe=noSafety is not a safety switch/);
  });

  it.each([
    ['?nodes=2', /nodes=2 is not a whole number from 3 to 9/],
    ['?nodes=12', /nodes=12/],
    ['?nodes=abc', /nodes=abc/],
    ['?seed=-1', /seed=-1/],
    ['?seed=1.5', /seed=1.5/],
    ['?speed=fast', /speed=fast is not 'max' or a number/],
    ['?speed=0', /speed=0/],
    ['?embed=yes', /embed=yes is not 0 or 1/],
  ])('falls back to the default for %s, with a note', (search, problem) => {
    const s = parseUrlSettings(search);
    expect(s.problems).toEqual([expect.stringMatching(problem)]);
    expect(s.embed).toBe(false);
  });
});

describe('one speed range for the URL, the speed control and the README', () => {
  it('the URL accepts exactly the speeds from the slowest to the fastest stop of the control', () => {
    const numbers = SPEED_STOPS.filter((s): s is number => s !== 'max');
    expect([numbers[0], numbers.at(-1)]).toEqual([SPEED_MIN, SPEED_MAX]);
    expect(parseUrlSettings(`?speed=${SPEED_MIN}`)).toMatchObject({ speed: 0.005, problems: [] });
    expect(parseUrlSettings(`?speed=${SPEED_MAX}`)).toMatchObject({ speed: 10, problems: [] });
    for (const outside of ['0.001', '0.004', '10.5', '100']) {
      expect(parseUrlSettings(`?speed=${outside}`)).toEqual(
        expect.objectContaining({
          speed: null,
          problems: [
            `speed=${outside} is not 'max' or a number from 0.005 to 10; the default is used`,
          ],
        }),
      );
    }
  });

  it('the README states the same range', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`(\`${SPEED_MIN}\` … \`${SPEED_MAX}\`, default`);
  });
});
