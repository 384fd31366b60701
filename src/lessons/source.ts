/**
 * Where the page gets a lesson: `?lesson=ID` (a built-in), `?lesson=URL` (fetched from
 * elsewhere), or `#lesson=...` (a link that carries the lesson itself); `?step=N` (from 1)
 * opens it at that step. All of it is untrusted: a problem is a sentence for a notice.
 */
import { packJson, unpackText } from '../util/packed';
import { BUILTIN_LESSONS } from './builtin';
import { parseLesson } from './check';
import { LESSON_BYTES_MAX, type Lesson } from './format';

export interface LessonChoice {
  readonly lesson: Lesson;
  /** The step to open at, from 0. */
  readonly step: number;
  /** Where it came from, to come back to another step: `lesson=...` for a URL. */
  readonly source: { readonly search?: string; readonly hash?: string };
}

export type LessonLookup = LessonChoice | { readonly problem: string } | null;

/** Every built-in lesson, parsed (they pass `lesson check` in the tests). */
export function builtinLessons(): Lesson[] {
  return BUILTIN_LESSONS.flatMap((value) => {
    const parsed = parseLesson(JSON.stringify(value));
    return parsed.lesson === null ? [] : [parsed.lesson];
  });
}

export async function lessonFromLocation(
  location: { readonly search: string; readonly hash: string },
  fetchText: (url: string) => Promise<string> = fetchLessonText,
): Promise<LessonLookup> {
  const params = new URLSearchParams(location.search);
  const wanted = params.get('lesson');
  const packed = /^#lesson=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1];
  if (wanted === null && packed === undefined) return null;
  let text: string;
  let source: LessonChoice['source'];
  if (packed !== undefined) {
    try {
      text = await unpackText(packed);
    } catch {
      return { problem: 'the lesson in this link is damaged' };
    }
    source = { hash: location.hash };
  } else if (/^https?:\/\//i.test(wanted!)) {
    try {
      text = await fetchText(wanted!);
    } catch (e) {
      return {
        problem: `the lesson at ${wanted} could not be fetched (${e instanceof Error ? e.message : String(e)})`,
      };
    }
    source = { search: `lesson=${encodeURIComponent(wanted!)}` };
  } else {
    const lesson = builtinLessons().find((l) => l.id === wanted);
    if (lesson === undefined)
      return { problem: `there is no built-in lesson ${JSON.stringify(wanted!.slice(0, 60))}` };
    text = JSON.stringify(lesson);
    source = { search: `lesson=${encodeURIComponent(wanted!)}` };
  }
  const parsed = parseLesson(text);
  if (parsed.lesson === null) {
    const p = parsed.problems[0]!;
    return { problem: `the lesson cannot be used: ${p.path}: ${p.message}` };
  }
  const rawStep = params.get('step');
  const step = rawStep === null ? 1 : Number(rawStep);
  const last = parsed.lesson.steps.length;
  const valid = Number.isInteger(step) && step >= 1 && step <= last;
  return { lesson: parsed.lesson, step: valid ? step - 1 : 0, source };
}

/** The fragment of a link that carries a lesson (a file opened from disk, say). */
export async function lessonHash(lesson: Lesson): Promise<string> {
  return `#lesson=${await packJson(lesson)}`;
}

/** The address of a lesson's step (from 0), keeping where the lesson came from. */
export function lessonStepUrl(source: LessonChoice['source'], step: number): string {
  const search = `?${source.search === undefined ? '' : `${source.search}&`}step=${step + 1}`;
  return `${search}${source.hash ?? ''}`;
}

async function fetchLessonText(url: string): Promise<string> {
  const response = await fetch(url, { credentials: 'omit', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const text = await response.text();
  if (text.length > LESSON_BYTES_MAX) throw new Error(`it is over ${LESSON_BYTES_MAX} bytes`);
  return text;
}
