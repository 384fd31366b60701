/**
 * Term colours, shared by every view: the same term has the same colour everywhere. Colour
 * is never the only cue: terms are also written as numbers.
 */
import { schemeTableau10 } from 'd3';

export function termColor(term: number): string {
  if (term <= 0) return '#9a9aa2';
  return schemeTableau10[(term - 1) % schemeTableau10.length]!;
}

/** Black or white text, whichever reads better on `background` (a #rrggbb colour). */
export function textOn(background: string): string {
  const n = Number.parseInt(background.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#111' : '#fff';
}
