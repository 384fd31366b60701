import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinFiles, checkFiles, SCHEMA_FILE, schemaText } from '../../scripts/lesson';
import { SimCluster } from '../sim/cluster';
import { checkLesson, parseLesson } from './check';
import { conditionProblem, markOf } from './conditions';
import { lessonOptions, playLesson } from './play';
import { simWorld } from './world';

const good = JSON.parse(readFileSync('lessons/01-leader-election.json', 'utf8'));
const withSteps = (steps: unknown[]) => JSON.stringify({ ...good, steps });

describe('lesson check', () => {
  it('passes every built-in lesson (at least ten, each with a prediction and a task)', () => {
    const files = builtinFiles();
    expect(files.length).toBeGreaterThanOrEqual(10);
    const { lines, ok } = checkFiles(files);
    expect(lines.filter((l) => !l.endsWith(': ok'))).toEqual([]);
    expect(ok).toBe(true);
    for (const file of files) {
      const { lesson } = parseLesson(readFileSync(file, 'utf8'));
      expect(
        lesson?.steps.some((s) => s.predict !== undefined),
        file,
      ).toBe(true);
      expect(
        lesson?.steps.some((s) => s.task !== undefined),
        file,
      ).toBe(true);
    }
  }, 60_000);

  it('publishes the current JSON Schema of the format', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it.each([
    ['not JSON', '{ "format": 1, ', '(the file)', /^not JSON/],
    [
      'an unknown format version',
      JSON.stringify({ ...good, format: 2 }),
      'format',
      /unknown format version 2/,
    ],
    [
      'no format version',
      JSON.stringify({ ...good, format: undefined }),
      'format',
      /no format version/,
    ],
    [
      'an unknown action',
      withSteps([{ text: 'x', do: [{ type: 'explode' }] }]),
      'steps[0].do[0].type',
      /unknown action "explode": actions are crash, /,
    ],
    [
      'an unknown condition',
      withSteps([{ text: 'x', until: { kind: 'sunrise' } }]),
      'steps[0].until.kind',
      /unknown condition "sunrise": conditions are leader, /,
    ],
    [
      'a node the cluster does not have',
      withSteps([{ text: 'x', do: [{ type: 'crash', node: 'S9' }] }]),
      'steps[0].do[0]',
      /there is no S9: this cluster has S1 … S5/,
    ],
    [
      'a condition never reached',
      withSteps([{ text: 'x', until: { kind: 'term', atLeast: 50 }, withinMs: 1000 }]),
      'steps[0].until',
      /not reached within 1000 ms: the highest term is 1/,
    ],
    [
      'HTML in the text',
      withSteps([{ text: 'hi <script>alert(1)</script>' }]),
      'steps[0].text',
      /HTML is not allowed/,
    ],
    [
      'a script link',
      withSteps([{ text: '[x](javascript:alert(1))' }]),
      'steps[0].text',
      /may not run script/,
    ],
    [
      'a file over 1 MB',
      JSON.stringify({ ...good, summary: 'x'.repeat(1_100_000) }),
      '(the file)',
      /at most 1000000/,
    ],
    [
      'a field the format does not have',
      JSON.stringify({ ...good, colour: 'red' }),
      '(the lesson)',
      /colour/,
    ],
    [
      'a prediction no choice of which comes true',
      withSteps([
        {
          text: 'x',
          runMs: 10,
          predict: {
            question: 'q',
            choices: [
              { text: 'a', when: { kind: 'term', atLeast: 9 } },
              { text: 'b', when: { kind: 'term', atLeast: 8 } },
            ],
          },
        },
      ]),
      'steps[0].predict',
      /no choice matches what the cluster did/,
    ],
    [
      'a task its solution does not complete',
      withSteps([
        {
          text: 'x',
          until: { kind: 'leader', node: 'any' },
        },
        {
          text: 'y',
          task: {
            text: 't',
            done: { kind: 'did', action: 'restart' },
            solution: [{ type: 'crash', node: 'leader' }],
            withinMs: 500,
          },
        },
      ]),
      'steps[1].task.done',
      /does not complete the task within 500 ms: no restart yet/,
    ],
  ])('says where and what for %s', (_, text, path, message) => {
    const problems = checkLesson(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(path);
    expect(problems[0]!.message).toMatch(message);
  });

  it('a lesson with a rule switched off may break it; the same lesson in plain Raft cannot', () => {
    const text = readFileSync('lessons/11-unsafe-election-restriction.json', 'utf8');
    const unsafe = parseLesson(text).lesson!;
    expect(unsafe.cluster.unsafe).toEqual(['noElectionRestriction']);
    expect(lessonOptions(unsafe).unsafe).toEqual(['noElectionRestriction']);
    expect(playLesson(unsafe).problems).toEqual([]);
    // Without the switch, S2 refuses S1 and wins: the broken rule is never reached.
    const plain = JSON.parse(text);
    delete plain.cluster.unsafe;
    const problems = checkLesson(JSON.stringify(plain));
    expect(problems[0]!.path).toBe('steps[3].until');
    expect(problems[0]!.message).toMatch(/no rule of Raft is broken/);
  });

  it('a plain lesson never carries a switch', () => {
    for (const file of builtinFiles()) {
      const { lesson } = parseLesson(readFileSync(file, 'utf8'));
      if (!lesson!.id.startsWith('unsafe-')) expect(lessonOptions(lesson!).unsafe).toBeUndefined();
    }
  });

  it('plays the same run every time (the start and end of every step)', () => {
    const { lesson } = parseLesson(readFileSync('lessons/01-leader-election.json', 'utf8'));
    const times = () => playLesson(lesson!).steps.map((s) => [s.startAt, s.endAt, s.answers]);
    expect(times()).toEqual(times());
  });

  it('a run that replays each step and pauses at its end is the played run', () => {
    for (const file of builtinFiles()) {
      const { lesson } = parseLesson(readFileSync(file, 'utf8'));
      const played = playLesson(lesson!);
      // What the page does: replay the step's interventions, then play to the step's end.
      const cluster = new SimCluster(lessonOptions(lesson!));
      const world = simWorld(cluster);
      played.steps.forEach((step, i) => {
        const mark = markOf(world);
        for (const rec of [...step.actions, ...step.solution]) cluster.replay(rec);
        cluster.run(step.endAt - cluster.now);
        const until = lesson!.steps[i]!.until;
        if (until !== undefined)
          expect(conditionProblem(until, world, mark), `${file} step ${i}`).toBeNull();
      });
    }
  }, 60_000);

  it('the CLI prints one line per problem and exits 1; ok files exit 0', () => {
    const run = (...args: string[]) => {
      try {
        return {
          out: execFileSync('npx', ['tsx', 'scripts/lesson.ts', ...args], { encoding: 'utf8' }),
          code: 0,
        };
      } catch (e) {
        const err = e as { stdout: string; status: number };
        return { out: err.stdout, code: err.status };
      }
    };
    expect(run('check', 'lessons/01-leader-election.json')).toEqual({
      out: 'lessons/01-leader-election.json: ok\n',
      code: 0,
    });
    const missing = run('check', 'lessons/01-leader-election.json', 'no-such-file.json');
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/^no-such-file\.json: cannot be read/m);
  }, 30_000);
});
