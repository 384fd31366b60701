import { useSyncExternalStore } from 'react';
import { narrationHtml } from '../../lessons/markdown';
import { GlossaryList } from './GlossaryList';
import { wordsIn } from './glossary';
import './lesson.css';
import type { LessonPlayer } from '../../lessons/player';

/** The lesson beside the cluster: its steps, the narration, the question, the task. */
export function LessonPanel({ player }: { player: LessonPlayer }) {
  const s = useSyncExternalStore(
    (l) => player.subscribe(l),
    () => player.state,
  );
  const lesson = player.lesson;
  const step = lesson.steps[s.step]!;
  const last = s.step + 1 === lesson.steps.length;
  const predict = step.predict;
  const task = step.task;
  return (
    <aside className="lesson" aria-label="Lesson">
      <header className="lesson-head">
        <h2>{lesson.title}</h2>
        <p className="lesson-progress">
          Step {s.step + 1} of {lesson.steps.length}
        </p>
      </header>
      <details className="lesson-steps">
        <summary>All steps</summary>
        <ol>
          {lesson.steps.map((st, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a lesson's steps never change
            <li key={i}>
              <button
                type="button"
                aria-current={i === s.step ? 'step' : undefined}
                onClick={() => player.goTo(i)}
              >
                {st.title ?? `Step ${i + 1}`}
                {i < s.stepsDone ? ' ✓' : ''}
              </button>
            </li>
          ))}
        </ol>
      </details>
      {step.title !== undefined && <h3 className="lesson-step-title">{step.title}</h3>}
      <div
        className="narration"
        // Safe: markdown-it with raw HTML off renders every tag in the text as text.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: see above
        dangerouslySetInnerHTML={{ __html: narrationHtml(step.text) }}
      />
      <StepWords text={[step.text, predict?.question ?? '', task?.text ?? ''].join(' ')} />
      {predict !== undefined && (
        <fieldset className="prediction" disabled={s.phase !== 'intro'}>
          <legend>
            Predict:{' '}
            <span
              // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it, HTML off
              dangerouslySetInnerHTML={{ __html: inlineHtml(predict.question) }}
            />
          </legend>
          {predict.choices.map((c, k) => (
            <label key={c.text}>
              <input
                type="radio"
                name={`predict-${s.step}`}
                checked={s.choice === k}
                onChange={() => player.choose(k)}
              />
              <span
                // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it, HTML off
                dangerouslySetInnerHTML={{ __html: inlineHtml(c.text) }}
              />
            </label>
          ))}
        </fieldset>
      )}
      {predict !== undefined && s.answers !== null && (
        <p className="verdict" role="status">
          {verdict(
            predict.choices.map((c) => plainText(c.text)),
            s.choice,
            s.answers,
          )}
        </p>
      )}
      {task !== undefined && (
        <div className={`task ${s.phase === 'task' ? 'task-open' : ''}`}>
          <p>
            <strong>Your turn:</strong>{' '}
            <span
              // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it, HTML off
              dangerouslySetInnerHTML={{ __html: inlineHtml(task.text) }}
            />
          </p>
          {s.phase === 'task' && (
            <button type="button" onClick={() => void player.showMe()}>
              Show me
            </button>
          )}
          {(s.phase === 'running' || s.phase === 'done') && <p role="status">Task done.</p>}
        </div>
      )}
      {s.note !== null && <p className="lesson-note">{s.note}</p>}
      {!s.onScript && (
        <p className="lesson-note">
          You changed the run: from here it is your own. Rewind the step to see the lesson's.
        </p>
      )}
      <div className="lesson-nav">
        <button type="button" onClick={() => player.goTo(s.step - 1)} disabled={s.step === 0}>
          Previous step
        </button>
        <PrimaryButton player={player} last={last} />
        <button type="button" onClick={() => player.goTo(s.step)}>
          Rewind step
        </button>
      </div>
    </aside>
  );
}

function PrimaryButton({ player, last }: { player: LessonPlayer; last: boolean }) {
  const s = player.state;
  if (s.phase === 'intro') {
    const label =
      player.stepSpec.predict !== undefined && s.choice === null ? 'Choose an answer' : 'Run step';
    return (
      <button
        type="button"
        className="primary"
        onClick={() => void player.play()}
        disabled={!player.canPlay}
      >
        {label}
      </button>
    );
  }
  if (s.phase === 'task')
    return (
      <button type="button" className="primary" disabled>
        Waiting for you…
      </button>
    );
  if (s.phase === 'running')
    return (
      <button type="button" className="primary" disabled>
        Playing…
      </button>
    );
  return (
    <button type="button" className="primary" onClick={() => player.next()} disabled={last}>
      {last ? 'Lesson complete' : 'Next step'}
    </button>
  );
}

/** Short definitions of the Raft words the step uses. */
function StepWords({ text }: { text: string }) {
  const words = wordsIn(text);
  if (words.length === 0) return null;
  return (
    <details className="lesson-words">
      <summary>Words in this step</summary>
      <GlossaryList words={words} />
    </details>
  );
}

function verdict(
  choices: readonly string[],
  chose: number | null,
  answers: readonly number[],
): string {
  const did = answers.map((k) => `“${choices[k]}”`).join(' and ');
  if (chose === null) return `The cluster did: ${did}.`;
  const right = answers.includes(chose);
  return `You said “${choices[chose]}”; the cluster did ${did}. ${right ? 'Right!' : 'Not this time.'}`;
}

/** Lesson markdown as words only, for a sentence that quotes it. */
function plainText(text: string): string {
  return text.replace(/`|\*\*/g, '');
}

function inlineHtml(text: string): string {
  return narrationHtml(text).replace(/^<p>|<\/p>\n?$/g, '');
}
