/**
 * One notice per problem (pure). The same text again counts instead of stacking a second
 * notice; the same problem reported for several nodes ("<label>: <problem>", as the
 * runtime prefixes it) becomes one notice that names them all. A label is recognised by
 * its shape, not its text: a short prefix with a digit in it, before the first ": ".
 */
import type { Notice } from './types';

/** At most this many notices are kept (the newest). */
export const NOTICES_MAX = 20;
const LABEL_CHARS_MAX = 12;

/** `{ subject, problem }` if `text` is "<label>: <problem>", else null. */
export function splitSubject(text: string): { subject: string; problem: string } | null {
  const at = text.indexOf(': ');
  if (at <= 0 || at > LABEL_CHARS_MAX) return null;
  const subject = text.slice(0, at);
  const problem = text.slice(at + 2);
  if (!/\d/.test(subject) || subject.split(' ').length > 2 || problem === '') return null;
  return { subject, problem };
}

/** Labels in their natural order (Node 2 before Node 10). */
const byLabel = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function textOf(subjects: readonly string[], problem: string): string {
  return `${subjects.join(', ')}: ${problem}`;
}

/** The notices after `text` was reported; `id` is the new notice's id if one is added. */
export function withNotice(notices: readonly Notice[], text: string, id: number): Notice[] {
  const split = splitSubject(text);
  const at = notices.findIndex((n) =>
    split === null ? n.text === text : n.problem === split.problem,
  );
  if (at === -1) {
    const notice: Notice =
      split === null
        ? { id, text, count: 1 }
        : { id, text, count: 1, problem: split.problem, subjects: [split.subject] };
    return [...notices, notice].slice(-NOTICES_MAX);
  }
  const old = notices[at]!;
  const subjects = old.subjects ?? [];
  let next: Notice = { ...old, count: old.count + 1 };
  if (split !== null && !subjects.includes(split.subject)) {
    const more = [...subjects, split.subject].sort(byLabel);
    next = { ...next, subjects: more, text: textOf(more, split.problem) };
  }
  return notices.map((n, i) => (i === at ? next : n));
}

/** "(3 times)" when a notice was reported more often than it has subjects, else "". */
export function repeatText(n: Notice): string {
  return n.count > (n.subjects?.length ?? 1) ? ` (${n.count} times)` : '';
}
