/**
 * Message glyphs as SVG symbols: every kind is drawn once, in the stage's <defs>, and a
 * message in flight is one <use> of its kind. Colours come from custom properties set on
 * the <use> (.msg and its family, hollow, held, selected classes), which the symbol's
 * parts read: the same CSS colours the legend's inline samples.
 */
import type { Glyph } from './message-fields';

const SVG = 'http://www.w3.org/2000/svg';

export const SHAPES: Record<Glyph['shape'], string> = {
  diamond: 'M0,-8L8,0L0,8L-8,0Z',
  square: 'M-8,-6H8V6H-8Z',
  circle: 'M-7,0A7,7 0 1,0 7,0A7,7 0 1,0 -7,0Z',
  triangle: 'M0,-8L8,6H-8Z',
};
/** A heartbeat: a small hollow square. */
export const SMALL_SQUARE = 'M-5,-5H5V5H-5Z';
/** The flap that makes a square an envelope (AppendEntries carrying entries). */
export const FLAP = 'M-8,-6L0,1L8,-6';
/** The ring around a glyph: held, selected or focused. */
const RING_RADIUS = 11;

type Drawing = Pick<Glyph, 'shape' | 'small' | 'mark'>;

const MARK_NAMES: Record<Glyph['mark'], string> = {
  '': '',
  '✓': '-yes',
  '✗': '-no',
  P: '-pre',
  '!': '-now',
  S: '-snap',
};

/** The symbol's id (without the scene's prefix): one per shape, size and mark. */
export function symbolName(g: Drawing): string {
  return `${g.shape}${g.small ? '-small' : ''}${MARK_NAMES[g.mark]}`;
}

/** Every drawing a message can have (glyphOf's outcomes), each once. */
const DRAWINGS: readonly Drawing[] = [
  { shape: 'diamond', small: false, mark: '' },
  { shape: 'square', small: false, mark: '' },
  { shape: 'square', small: true, mark: '' },
  { shape: 'triangle', small: false, mark: '' },
  { shape: 'circle', small: false, mark: '' },
  { shape: 'circle', small: false, mark: '✓' },
  { shape: 'circle', small: false, mark: '✗' },
  { shape: 'diamond', small: false, mark: 'P' },
  { shape: 'circle', small: false, mark: 'P' },
  { shape: 'diamond', small: false, mark: '!' },
  { shape: 'square', small: false, mark: 'S' },
  { shape: 'circle', small: false, mark: 'S' },
];

/** Appends the symbols to `defs`, their ids starting with `prefix`. */
export function installGlyphSymbols(defs: SVGDefsElement, prefix: string): void {
  for (const g of DRAWINGS) {
    const symbol = document.createElementNS(SVG, 'symbol');
    symbol.id = prefix + symbolName(g);
    symbol.setAttribute('overflow', 'visible');
    const part = (tag: string, cls: string, attrs: Record<string, string>) => {
      const el = document.createElementNS(SVG, tag);
      el.setAttribute('class', cls);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      symbol.appendChild(el);
      return el;
    };
    part('circle', 'glyph-ring', { r: String(RING_RADIUS) });
    part('path', 'glyph-shape', { d: g.small ? SMALL_SQUARE : SHAPES[g.shape] });
    if (g.shape === 'square' && !g.small) part('path', 'glyph-flap', { d: FLAP });
    if (g.mark !== '') part('text', 'glyph-mark', { y: '3.5' }).textContent = g.mark;
    defs.appendChild(symbol);
  }
}
