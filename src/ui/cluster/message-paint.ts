/**
 * Messages painted on a canvas over the stage, for a cluster running at full speed. There
 * a message lives a frame or two, too short to aim at, and hundreds come and go each
 * second: as SVG elements they cost more style and layout work than a frame has. Painted,
 * they cost a few image copies. The look is the SVG glyphs' (the same shapes, marks and
 * theme colours); nothing painted is focusable or clickable, so pausing (or any set
 * speed) brings the SVG glyphs back.
 */
import { FLAP, SHAPES, SMALL_SQUARE, symbolName } from './glyph-symbols';
import type { Glyph } from './message-fields';

export interface PaintedMessage {
  readonly x: number;
  readonly y: number;
  readonly glyph: Glyph;
  readonly held: boolean;
  readonly selected: boolean;
  readonly highlighted: boolean;
}

/** The theme colours a glyph reads, resolved to what the canvas can use. */
interface Palette {
  readonly vote: string;
  readonly append: string;
  readonly client: string;
  readonly other: string;
  readonly panel: string;
  readonly warn: string;
  readonly accent: string;
  readonly font: string;
}

/** CSS px of a glyph's sprite: its shape and ring (radius 11) with room for the line. */
const SPRITE = 28;
const RING_RADIUS = 11;

export class MessagePainter {
  private readonly context: CanvasRenderingContext2D | null;
  private size = { width: 0, height: 0, ratio: 1 };
  private palette: Palette | null = null;
  private paletteKey = '';
  /** One pre-drawn image per look (shape, family, hollow), at the screen's pixel ratio. */
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  private painted = false;

  constructor(private readonly canvas: HTMLCanvasElement) {
    // getContext is missing in DOM tests without a canvas: then nothing is painted.
    this.context = typeof canvas.getContext === 'function' ? canvas.getContext('2d') : null;
  }

  resize(width: number, height: number): void {
    const ratio =
      typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
    if (width === this.size.width && height === this.size.height && ratio === this.size.ratio) {
      return;
    }
    if (ratio !== this.size.ratio) this.sprites.clear();
    this.size = { width, height, ratio };
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.painted = false;
  }

  /** Paints exactly these messages (and nothing else) over the stage. */
  paint(messages: readonly PaintedMessage[]): void {
    const c = this.context;
    if (c === null) return;
    if (this.canvas.hidden) this.canvas.hidden = false;
    const { ratio } = this.size;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.painted = messages.length > 0;
    if (!this.painted) return;
    const palette = this.currentPalette();
    const half = SPRITE / 2;
    for (const m of messages) {
      const sprite = this.sprite(m.glyph, palette);
      if (m.highlighted) {
        c.shadowColor = palette.warn;
        c.shadowBlur = 6 * ratio;
      }
      c.drawImage(sprite, (m.x - half) * ratio, (m.y - half) * ratio);
      if (m.highlighted) c.shadowBlur = 0;
      if (m.held || m.selected) this.ring(c, m, palette);
    }
  }

  /** Nothing painted, and the canvas out of the compositor's way. */
  clear(): void {
    if (this.painted && this.context !== null) {
      this.context.setTransform(1, 0, 0, 1, 0, 0);
      this.context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    }
    this.painted = false;
    if (!this.canvas.hidden) this.canvas.hidden = true;
  }

  private ring(c: CanvasRenderingContext2D, m: PaintedMessage, palette: Palette): void {
    const { ratio } = this.size;
    c.setTransform(ratio, 0, 0, ratio, 0, 0);
    c.beginPath();
    c.arc(m.x, m.y, RING_RADIUS, 0, 2 * Math.PI);
    c.strokeStyle = m.selected ? palette.accent : palette.warn;
    c.lineWidth = m.selected ? 2.5 : 2;
    c.setLineDash(m.selected ? [] : [3, 2]);
    c.stroke();
    c.setLineDash([]);
    c.setTransform(1, 0, 0, 1, 0, 0);
  }

  private sprite(g: Glyph, palette: Palette): HTMLCanvasElement {
    const key = `${symbolName(g)}|${g.family}|${g.hollow}`;
    let sprite = this.sprites.get(key);
    if (sprite === undefined) {
      sprite = drawSprite(g, palette, this.size.ratio);
      this.sprites.set(key, sprite);
    }
    return sprite;
  }

  /** The palette of the theme in force, resolved again when the theme changes. */
  private currentPalette(): Palette {
    const root = document.documentElement;
    const dark =
      typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
    const key = `${root.getAttribute('data-theme') ?? ''}|${dark}`;
    if (this.palette === null || key !== this.paletteKey) {
      this.palette = resolvePalette(this.canvas);
      this.paletteKey = key;
      this.sprites.clear();
    }
    return this.palette;
  }
}

/** Custom properties through the element's own `color`: light-dark() resolves there. */
function resolvePalette(el: HTMLElement): Palette {
  const resolve = (name: string) => {
    el.style.color = `var(${name})`;
    return getComputedStyle(el).color;
  };
  const palette = {
    vote: resolve('--msg-vote'),
    append: resolve('--msg-append'),
    client: resolve('--msg-client'),
    other: resolve('--msg-other'),
    panel: resolve('--panel'),
    warn: resolve('--warn'),
    accent: resolve('--accent'),
    font: getComputedStyle(el).fontFamily,
  };
  el.style.removeProperty('color');
  return palette;
}

/** A glyph as the SVG symbol draws it (glyph-symbols.ts, cluster.css's .msg rules). */
function drawSprite(g: Glyph, palette: Palette, ratio: number): HTMLCanvasElement {
  const sprite = document.createElement('canvas');
  sprite.width = Math.ceil(SPRITE * ratio);
  sprite.height = Math.ceil(SPRITE * ratio);
  const c = sprite.getContext('2d');
  if (c === null) return sprite;
  c.setTransform(ratio, 0, 0, ratio, (SPRITE / 2) * ratio, (SPRITE / 2) * ratio);
  const fam = palette[g.family];
  const shape = new Path2D(g.small ? SMALL_SQUARE : SHAPES[g.shape]);
  c.lineJoin = 'round';
  c.fillStyle = g.hollow ? palette.panel : fam;
  c.fill(shape);
  c.strokeStyle = g.hollow ? fam : palette.panel;
  c.lineWidth = g.hollow ? 2 : 1.3;
  c.stroke(shape);
  if (g.shape === 'square' && !g.small) {
    c.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    c.lineWidth = 1.2;
    c.stroke(new Path2D(FLAP));
  }
  if (g.mark !== '') {
    c.fillStyle = g.hollow ? fam : '#fff';
    c.font = `800 10px ${palette.font}`;
    c.textAlign = 'center';
    c.fillText(g.mark, 0, 3.5);
  }
  return sprite;
}
