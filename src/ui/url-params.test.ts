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
      electionTimeoutMs: null,
      heartbeatMs: null,
      embed: true,
      cluster: null,
      unsafe: [],
      preVote: false,
      checkQuorum: false,
      readMode: null,
      panels: ['timeline', 'cluster'],
      lock: false,
      paused: false,
      theme: null,
      origins: null,
      problems: [],
    });
    expect(parseUrlSettings('?speed=max').speed).toBe('max');
    expect(parseUrlSettings('')).toEqual({
      nodes: null,
      seed: null,
      speed: null,
      electionTimeoutMs: null,
      heartbeatMs: null,
      embed: false,
      cluster: null,
      unsafe: [],
      preVote: false,
      checkQuorum: false,
      readMode: null,
      panels: ['timeline', 'cluster'],
      lock: false,
      paused: false,
      theme: null,
      origins: null,
      problems: [],
    });
  });

  it('reads what an embed shows: panels in order, lock, paused and theme', () => {
    const s = parseUrlSettings(
      '?embed=1&panels=logs,cluster,logs,lesson&lock=1&paused=1&theme=dark',
    );
    expect(s).toMatchObject({
      panels: ['logs', 'cluster', 'lesson'],
      lock: true,
      paused: true,
      theme: 'dark',
      problems: [],
    });
  });

  it('reads the origins the app answers; a bad one is named and answers nobody', () => {
    expect(parseUrlSettings('?origin=https://a.org,http://127.0.0.1:5000').origins).toEqual([
      'https://a.org',
      'http://127.0.0.1:5000',
    ]);
    const bad = parseUrlSettings('?origin=https://a.org/path');
    expect(bad.problems).toEqual([
      'origin=https://a.org/path is not an origin such as https://example.org',
    ]);
    expect(bad.origins).toEqual([]);
  });

  it('names each bad embed parameter and falls back', () => {
    const s = parseUrlSettings('?embed=1&panels=cluster,chart&lock=yes&theme=blue');
    expect(s.panels).toEqual(['cluster']);
    expect(s.lock).toBe(false);
    expect(s.theme).toBeNull();
    expect(s.problems).toEqual([
      'panels=chart is not a panel (cluster, logs, console, history, events, spacetime, timeline, lesson); it is left out',
      'lock=yes is not 0 or 1; it is ignored',
      'theme=blue is not light or dark; the remembered theme is used',
    ]);
    expect(parseUrlSettings('?embed=1&panels=').panels).toEqual(['timeline', 'cluster']);
    expect(parseUrlSettings('?panels=logs').problems).toEqual([
      'panels= and lock= work with embed=1; the full page is shown',
    ]);
  });

  it('reads the safety switches to turn off, and names one that does not exist', () => {
    expect(parseUrlSettings('?unsafe=noElectionRestriction,noClientSessions').unsafe).toEqual([
      'noElectionRestriction',
      'noClientSessions',
    ]);
    const features = parseUrlSettings('?prevote=1&checkquorum=1&reads=lease');
    expect([features.preVote, features.checkQuorum, features.readMode]).toEqual([
      true,
      true,
      'lease',
    ]);
    const lonely = parseUrlSettings('?reads=lease&prevote=yes');
    expect(lonely.readMode).toBeNull();
    expect(lonely.problems).toEqual([
      'prevote=yes is not 0 or 1; it is ignored',
      'reads=lease needs checkquorum=1; GETs go through the log',
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

  it('reads election=MIN-MAX and heartbeat=MS, checked together', () => {
    expect(parseUrlSettings('?election=1500-3000&heartbeat=200')).toMatchObject({
      electionTimeoutMs: [1500, 3000],
      heartbeatMs: 200,
      problems: [],
    });
    expect(parseUrlSettings('?election=400-800')).toMatchObject({
      electionTimeoutMs: [400, 800],
      heartbeatMs: null,
      problems: [],
    });
    expect(parseUrlSettings('?heartbeat=100')).toMatchObject({
      electionTimeoutMs: null,
      heartbeatMs: 100,
    });
    const bad = (search: string) => parseUrlSettings(search);
    expect(bad('?election=fast').problems).toEqual([
      'election=fast is not MIN-MAX in ms (such as 1500-3000); the default timing is used',
    ]);
    expect(bad('?election=300-200').problems).toEqual([
      'Election timeout max: at least the minimum (in the URL); the default timing is used',
    ]);
    expect(bad('?election=5-20').problems[0]).toMatch(/^Election timeout min: a whole number/);
    expect(bad('?election=100-99999').problems[0]).toMatch(/^Election timeout max: a whole/);
    // The default election timeout starts at 150 ms: a 150 ms heartbeat would not beat it.
    for (const heartbeat of ['150', '0', '', 'x', '2.5']) {
      const s = bad(`?heartbeat=${heartbeat}`);
      expect(s).toMatchObject({ electionTimeoutMs: null, heartbeatMs: null });
      expect(s.problems[0]).toMatch(/^Heartbeat: .* shorter than the election timeout min/);
    }
  });

  it('the README states the same range', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`(\`${SPEED_MIN}\` … \`${SPEED_MAX}\`, default`);
  });
});
