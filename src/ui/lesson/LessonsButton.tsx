/** "Lessons": the built-in lessons with your progress, and a lesson file from disk. */
import { useRef, useState } from 'react';
import { parseLesson } from '../../lessons/check';
import { LESSON_BYTES_MAX } from '../../lessons/format';
import { builtinLessons, lessonHash } from '../../lessons/source';
import { openPage } from '../navigate';
import { Dialog } from '../settings/Dialog';
import { loadProgress } from './progress';

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Lessons
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Lessons" className="lessons-dialog">
        {open && <LessonList />}
      </Dialog>
    </>
  );
}

function LessonList() {
  const progress = loadProgress();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const openFile = async (file: File | undefined) => {
    if (file === undefined) return;
    if (file.size > LESSON_BYTES_MAX) {
      setProblems([
        `${file.name} is ${file.size} bytes; a lesson may be at most ${LESSON_BYTES_MAX}.`,
      ]);
      return;
    }
    const parsed = parseLesson(await file.text());
    if (parsed.lesson === null) {
      setProblems(parsed.problems.map((p) => `${p.path}: ${p.message}`));
      return;
    }
    // A link that carries the lesson: it opens on a cluster of its own, like any lesson.
    openPage(`${window.location.pathname}${await lessonHash(parsed.lesson)}`);
  };
  return (
    <div className="lesson-list">
      <p>Each lesson runs on a cluster of its own: your cluster is not touched.</p>
      <ol>
        {builtinLessons().map((l) => {
          const done = progress[l.id] ?? 0;
          return (
            <li key={l.id}>
              <a href={`?lesson=${l.id}`}>{l.title}</a>
              {done > 0 && (
                <span className="lesson-done">
                  {done >= l.steps.length ? ' ✓ done' : ` · ${done} of ${l.steps.length} steps`}
                </span>
              )}
              <br />
              <span className="lesson-summary">{l.summary}</span>
            </li>
          );
        })}
      </ol>
      <p>
        <label>
          Open a lesson file:{' '}
          <input
            ref={input}
            type="file"
            accept=".json,application/json"
            onChange={(e) => void openFile(e.target.files?.[0])}
          />
        </label>
      </p>
      {problems.length > 0 && (
        <div role="alert" className="lesson-file-problems">
          <p>This file cannot be opened as a lesson:</p>
          <ul>
            {problems.slice(0, 10).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="lesson-summary">
        Writing your own: see docs/lessons.md in the repository, and check it with{' '}
        <code>npm run lesson -- check FILE</code>.
      </p>
    </div>
  );
}
