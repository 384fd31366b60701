/**
 * What this browser remembers of lessons: the steps done in each, and whether the welcome
 * was answered. In localStorage; a missing or damaged value is simply nothing remembered.
 */
import { safeLocalStorage } from '../../util/local-storage';

const PROGRESS_KEY = 'raft-playground.lesson-progress';
const WELCOME_KEY = 'raft-playground.welcome-seen';

export type Progress = Readonly<Record<string, number>>;

export function loadProgress(): Progress {
  try {
    const value: unknown = JSON.parse(safeLocalStorage()?.getItem(PROGRESS_KEY) ?? '{}');
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter(([, n]) => Number.isInteger(n) && (n as number) >= 0),
    ) as Progress;
  } catch {
    return {};
  }
}

/** Remembers the furthest step done of a lesson (never less than before). */
export function saveProgress(lessonId: string, stepsDone: number): void {
  const progress = loadProgress();
  if ((progress[lessonId] ?? 0) >= stepsDone) return;
  try {
    safeLocalStorage()?.setItem(
      PROGRESS_KEY,
      JSON.stringify({ ...progress, [lessonId]: stepsDone }),
    );
  } catch {
    // Storage full or refused: progress is not kept, the lesson goes on.
  }
}

export function welcomeSeen(): boolean {
  try {
    return safeLocalStorage()?.getItem(WELCOME_KEY) === '1';
  } catch {
    return true;
  }
}

export function markWelcomeSeen(): void {
  try {
    safeLocalStorage()?.setItem(WELCOME_KEY, '1');
  } catch {
    // Not kept: the welcome shows again next time.
  }
}
