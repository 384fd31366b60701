import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNSAFE_SWITCH_NAMES } from '../raft/unsafe';
import { BUILTIN_LESSONS } from './builtin';
import { builtinLessons, lessonFromLocation, lessonHash, lessonStepUrl } from './source';

const at = (search: string, hash = '') => lessonFromLocation({ search, hash }, failFetch);
const failFetch = () => Promise.reject(new Error('offline'));

describe('where the page gets a lesson', () => {
  it('knows every lesson file in lessons/, each valid', () => {
    const files = readdirSync('lessons').filter((f) => f.endsWith('.json'));
    expect(BUILTIN_LESSONS).toHaveLength(files.length);
    expect(builtinLessons()).toHaveLength(files.length);
  });

  it('has one lesson for every rule that can be switched off', () => {
    const switched = builtinLessons().flatMap((l) => l.cluster.unsafe ?? []);
    expect([...switched].sort()).toEqual([...UNSAFE_SWITCH_NAMES].sort());
  });

  it('opens a built-in by id, at a step counted from 1; a bad step opens the first', async () => {
    const choice = await at('?lesson=partition&step=3');
    expect(choice).toMatchObject({ step: 2, source: { search: 'lesson=partition' } });
    expect(await at('?lesson=partition&step=99')).toMatchObject({ step: 0 });
    expect(await at('?lesson=partition&step=x')).toMatchObject({ step: 0 });
    expect(await at('')).toBeNull();
  });

  it('carries a lesson in a link, and finds the step of it again', async () => {
    const lesson = builtinLessons()[2]!;
    const hash = await lessonHash(lesson);
    const choice = await at('?step=2', hash);
    expect(choice).toMatchObject({ lesson, step: 1, source: { hash } });
    expect(lessonStepUrl({ hash }, 3)).toBe(`?step=4${hash}`);
    expect(lessonStepUrl({ search: 'lesson=partition' }, 0)).toBe('?lesson=partition&step=1');
  });

  it('says what is wrong with a lesson it cannot use', async () => {
    expect(await at('?lesson=nope')).toEqual({ problem: 'there is no built-in lesson "nope"' });
    expect(await at('', '#lesson=AAAA')).toEqual({ problem: 'the lesson in this link is damaged' });
    expect(await at('?lesson=https://x.example/l.json')).toEqual({
      problem: 'the lesson at https://x.example/l.json could not be fetched (offline)',
    });
    const bad = await lessonFromLocation(
      { search: '?lesson=https://x.example/l.json', hash: '' },
      () => Promise.resolve('{"format": 7}'),
    );
    expect(bad).toEqual({
      problem:
        'the lesson cannot be used: format: unknown format version 7: this playground reads format 1',
    });
  });
});
