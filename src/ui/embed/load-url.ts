/**
 * Where the app goes to load what the host asked for (a lesson, a shared run): this page's
 * address with the embed's own parameters kept and the new run in place of the old. The
 * request is checked first, so a bad one is answered with its problem and nothing reloads.
 */
import type { HostCommand } from '../../embed/protocol';
import { playLesson } from '../../lessons/play';
import { lessonFromLocation } from '../../lessons/source';
import { packJson } from '../../util/packed';
import { decodeSharedRun, encodeSharedRun } from '../share';

/** Parameters that say which run a page shows: a load replaces them. */
const RUN_PARAMS = [
  'lesson',
  'step',
  'cluster',
  'nodes',
  'seed',
  'unsafe',
  'prevote',
  'checkquorum',
  'reads',
];

export function loadUrl(href: string, c: HostCommand): Promise<string> | null {
  if (c.type === 'load-lesson') return lessonUrl(href, c.lesson, c.step);
  if (c.type === 'load-run') return runUrl(href, c.link);
  if (c.type === 'load-scenario') return scenarioUrl(href, c.text);
  return null;
}

function base(href: string): URL {
  const url = new URL(href);
  for (const name of RUN_PARAMS) url.searchParams.delete(name);
  url.hash = '';
  return url;
}

async function lessonUrl(href: string, lesson: string | object, step?: number): Promise<string> {
  const url = base(href);
  if (typeof lesson === 'string') url.searchParams.set('lesson', lesson);
  else url.hash = `lesson=${await packJson(lesson)}`;
  if (step !== undefined) url.searchParams.set('step', String(step));
  const lookup = await lessonFromLocation({ search: url.search, hash: url.hash });
  if (lookup === null || 'problem' in lookup)
    throw new Error(lookup === null ? 'no lesson given' : lookup.problem);
  const problem = playLesson(lookup.lesson).problems[0];
  if (problem !== undefined)
    throw new Error(`the lesson cannot be played: ${problem.path}: ${problem.message}`);
  return url.toString();
}

async function scenarioUrl(href: string, text: string): Promise<string> {
  const { sharedRunOfScenario } = await import('../export/scenario-run');
  const run = sharedRunOfScenario(text);
  if ('problem' in run) throw new Error(`the scenario cannot be replayed: ${run.problem}`);
  const url = base(href);
  url.hash = await encodeSharedRun(run);
  return url.toString();
}

async function runUrl(href: string, link: string): Promise<string> {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : `#${link}`;
  const run = await decodeSharedRun(hash);
  if (run === null || typeof run === 'string')
    throw new Error(`that is not a shared run: ${run ?? 'it has no #run= part'}`);
  const url = base(href);
  url.hash = hash;
  return url.toString();
}
