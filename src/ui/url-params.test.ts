import { describe, expect, it } from 'vitest';
import { parseUrlSettings } from './url-params';

describe('URL parameters', () => {
  it('reads nodes, seed, speed and embed', () => {
    expect(parseUrlSettings('?nodes=7&seed=42&speed=0.5&embed=1')).toEqual({
      nodes: 7,
      seed: 42,
      speed: 0.5,
      embed: true,
      cluster: null,
      problems: [],
    });
    expect(parseUrlSettings('?speed=max').speed).toBe('max');
    expect(parseUrlSettings('')).toEqual({
      nodes: null,
      seed: null,
      speed: null,
      embed: false,
      cluster: null,
      problems: [],
    });
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
