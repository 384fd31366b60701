/**
 * Term colours, shared by every view: the same term has the same colour everywhere. Colour
 * is never the only cue: terms are also written as numbers.
 *
 * The palette is Okabe and Ito's, made to stay apart for the common colour-vision deficiencies
 * (deuteranopia, protanopia, tritanopia), in their order, so that neighbouring terms differ in
 * lightness as well as hue. Text on a term colour is black or white, whichever contrasts more;
 * every colour reads at 4.5:1 or better with one of them.
 */
export const TERM_COLORS: readonly string[] = [
  '#e69f00', // orange
  '#56b4e9', // sky blue
  '#009e73', // bluish green
  '#f0e442', // yellow
  '#0072b2', // blue
  '#d55e00', // vermillion
  '#cc79a7', // reddish purple
];

/** Term 0 (nothing yet, or only what is on disk): a neutral grey. */
export const TERM_ZERO_COLOR = '#9a9aa2';

export function termColor(term: number): string {
  if (term <= 0) return TERM_ZERO_COLOR;
  return TERM_COLORS[(term - 1) % TERM_COLORS.length]!;
}

/** Relative luminance of a #rrggbb colour (WCAG 2). */
export function luminance(color: string): number {
  const n = Number.parseInt(color.slice(1), 16);
  const [r, g, b] = [16, 8, 0].map((shift) => {
    const c = ((n >> shift) & 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The WCAG contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const DARK_INK = '#111111';
const LIGHT_INK = '#ffffff';

/** Black or white text, whichever contrasts more with `background` (a #rrggbb colour). */
export function textOn(background: string): string {
  return contrast(DARK_INK, background) >= contrast(LIGHT_INK, background) ? DARK_INK : LIGHT_INK;
}
