import { describe, expect, it } from 'vitest';
import { builtinLessons } from '../../lessons/source';
import { GLOSSARY, wordsIn } from './glossary';

describe("Raft's words", () => {
  it('finds the words a text uses, whatever their case', () => {
    expect(wordsIn('A **Candidate** asks for votes in a new term.').map(([w]) => w)).toEqual([
      'term',
      'candidate',
    ]);
    expect(wordsIn('nothing here')).toEqual([]);
  });

  it('defines each word once, and every lesson uses some of them', () => {
    expect(new Set(GLOSSARY.map(([w]) => w)).size).toBe(GLOSSARY.length);
    for (const lesson of builtinLessons())
      expect(wordsIn(lesson.steps.map((s) => s.text).join(' ')).length, lesson.id).toBeGreaterThan(
        2,
      );
  });
});
