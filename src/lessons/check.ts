/**
 * Checking a lesson file: its size, its JSON, its format version, the schema, its text
 * (no HTML), then a headless play of every step. One problem per line, each with the JSON
 * path it is about and a sentence: what `npm run lesson -- check` prints.
 */
import type { z } from 'zod';
import {
  ACTION_NAMES,
  CONDITION_KINDS,
  LESSON_BYTES_MAX,
  LESSON_FORMAT,
  type Lesson,
  type LessonProblem,
  LessonSchema,
  pathText,
} from './format';
import { textProblem } from './markdown';
import { playLesson } from './play';

export type Parsed = { lesson: Lesson; problems: [] } | { lesson: null; problems: LessonProblem[] };

/** A lesson from a file's text, or what is wrong with it (nothing is played). */
export function parseLesson(text: string): Parsed {
  const fail = (path: string, message: string): Parsed => ({
    lesson: null,
    problems: [{ path, message }],
  });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > LESSON_BYTES_MAX)
    return fail(
      '(the file)',
      `the file is ${bytes} bytes; a lesson may be at most ${LESSON_BYTES_MAX}`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('(the file)', `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('(the file)', 'a lesson is a JSON object');
  const format = (value as { format?: unknown }).format;
  if (format !== LESSON_FORMAT)
    return fail(
      'format',
      format === undefined
        ? `no format version: write "format": ${LESSON_FORMAT}`
        : `unknown format version ${JSON.stringify(format)}: this playground reads format ${LESSON_FORMAT}`,
    );
  const parsed = LessonSchema.safeParse(value);
  if (!parsed.success) return { lesson: null, problems: schemaProblems(parsed.error, value) };
  const problems = textProblems(parsed.data);
  return problems.length === 0 ? { lesson: parsed.data, problems: [] } : { lesson: null, problems };
}

/** Every problem of a lesson file, played through; empty when it is ok. */
export function checkLesson(text: string): LessonProblem[] {
  const parsed = parseLesson(text);
  if (parsed.lesson === null) return parsed.problems;
  return [...playLesson(parsed.lesson).problems];
}

function schemaProblems(error: z.ZodError, value: unknown): LessonProblem[] {
  return error.issues.map((issue) => {
    const path = pathText(issue.path);
    const at = valueAt(value, issue.path);
    // The schema's own words for an unknown action or condition name a list: say it.
    if (
      issue.path.at(-1) === 'type' &&
      typeof at === 'string' &&
      !ACTION_NAMES.includes(at as never)
    )
      return {
        path,
        message: `unknown action ${JSON.stringify(at)}: actions are ${ACTION_NAMES.join(', ')}`,
      };
    if (issue.path.at(-1) === 'kind' && !CONDITION_KINDS.includes(at as never))
      return {
        path,
        message: `unknown condition ${JSON.stringify(at)}: conditions are ${CONDITION_KINDS.join(', ')}`,
      };
    return { path, message: issue.message };
  });
}

function textProblems(lesson: Lesson): LessonProblem[] {
  const texts: [string, string][] = [
    ['title', lesson.title],
    ['summary', lesson.summary],
  ];
  lesson.steps.forEach((s, i) => {
    texts.push([`steps[${i}].text`, s.text]);
    if (s.title !== undefined) texts.push([`steps[${i}].title`, s.title]);
    if (s.predict !== undefined) {
      texts.push([`steps[${i}].predict.question`, s.predict.question]);
      for (const [k, c] of s.predict.choices.entries())
        texts.push([`steps[${i}].predict.choices[${k}].text`, c.text]);
    }
    if (s.task !== undefined) texts.push([`steps[${i}].task.text`, s.task.text]);
  });
  return texts.flatMap(([path, text]) => {
    const message = textProblem(text);
    return message === null ? [] : [{ path, message }];
  });
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) v = isObject(v) ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
