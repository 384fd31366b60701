/**
 * The space-time diagram drawn once, for two surfaces: a canvas on the page (fast at any
 * number of messages) and an SVG file (for slides). Both get the same strokes from
 * `paintSpaceTime`, through a small painter.
 */
import { nodeName } from '../../util/node-name';
import type { Family } from '../cluster/message-fields';
import { termColor } from '../colors';
import { formatVirtualTime } from '../time/speed-scale';
import type { Arrow, Window } from './model';

export const LANE = 40;
export const TOP = 22;
export const LEFT = 44;

export interface Geometry {
  readonly width: number;
  readonly nodes: number;
  /** The window of virtual time drawn, and the moment marked across it. */
  readonly from: number;
  readonly to: number;
  readonly now: number;
  readonly moment: number;
  readonly momentLabel: string;
  readonly selected: number | null;
}

/** The colours, resolved from the theme at paint time. */
export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly lane: string;
  readonly moment: string;
  readonly crash: string;
  readonly restart: string;
  readonly family: Readonly<Record<Family, string>>;
}

export interface Stroke {
  readonly color: string;
  readonly width: number;
  readonly dash?: readonly number[];
  readonly alpha?: number;
}

export interface Painter {
  line(x1: number, y1: number, x2: number, y2: number, s: Stroke): void;
  rect(
    x: number,
    y: number,
    w: number,
    h: number,
    fill: string,
    alpha: number,
    outline?: Stroke,
  ): void;
  /** A filled triangle (an arrowhead). */
  head(x: number, y: number, angle: number, color: string): void;
  text(
    x: number,
    y: number,
    s: string,
    color: string,
    font: string,
    align?: 'left' | 'center',
  ): void;
}

export function heightOf(nodes: number): number {
  return TOP + nodes * LANE + 8;
}

export function laneY(node: number): number {
  return TOP + node * LANE + LANE / 2;
}

export function xOf(g: Geometry, t: number): number {
  return LEFT + ((t - g.from) / (g.to - g.from)) * (g.width - LEFT - 8);
}

/** Where an arrow is drawn: from its send to its delivery, or as far as it got. */
export function arrowEnds(a: Arrow, g: Geometry): [number, number, number, number] {
  const end = a.endAt ?? g.now;
  const whole = Math.max(a.deliverAt - a.sentAt, 1e-9);
  const part =
    a.endAt !== null && !a.lost ? 1 : Math.min(1, Math.max(0.15, (end - a.sentAt) / whole));
  const y1 = laneY(a.from);
  return [
    xOf(g, a.sentAt),
    y1,
    xOf(g, a.sentAt + (a.deliverAt - a.sentAt) * part),
    y1 + (laneY(a.to) - y1) * part,
  ];
}

const SANS_BOLD = '600 12px system-ui, sans-serif';
const MONO = '10px ui-monospace, monospace';

export function paintSpaceTime(p: Painter, w: Window, g: Geometry, c: Palette): void {
  const right = g.width - 8;
  const clampX = (x: number) => Math.min(right, Math.max(LEFT, x));
  for (let n = 0; n < g.nodes; n++) {
    p.text(4, laneY(n) + 4, nodeName(n), c.text, SANS_BOLD);
    p.line(LEFT, laneY(n), right, laneY(n), { color: c.lane, width: 1 });
  }
  for (const b of w.bands) {
    const x0 = clampX(xOf(g, b.from));
    const x1 = clampX(xOf(g, b.to ?? g.now));
    if (x1 <= x0) continue;
    const y = laneY(b.node);
    if (b.role === 'crashed') {
      p.line(x0, y, x1, y, { color: c.muted, width: 2, dash: [3, 4] });
      continue;
    }
    const leader = b.role === 'leader';
    const h = leader ? 14 : 8;
    p.rect(
      x0,
      y - h / 2,
      x1 - x0,
      h,
      termColor(b.term),
      leader ? 0.9 : 0.55,
      leader ? { color: c.text, width: 1 } : undefined,
    );
    if (x1 - x0 > 34)
      p.text(x0 + 3, y - 10, leader ? `leader, t${b.term}` : `t${b.term}`, c.muted, MONO);
  }
  for (const a of w.arrows) {
    const [x1, y1, x2, y2] = arrowEnds(a, g);
    const color = c.family[a.family];
    const chosen = a.id === g.selected;
    const dash = a.lost ? [1, 3] : a.endAt === null ? [4, 3] : undefined;
    p.line(x1, y1, x2, y2, {
      color,
      width: chosen ? 3 : 1.3,
      ...(dash === undefined ? {} : { dash }),
    });
    if (a.lost) p.text(x2, y2 + 4, '✗', color, SANS_BOLD, 'center');
    else p.head(x2, y2, Math.atan2(y2 - y1, x2 - x1), color);
  }
  for (const m of w.marks) {
    const x = xOf(g, m.t);
    const y = laneY(m.node);
    if (m.kind === 'commit') {
      p.line(x, y + 6, x, y + 13, { color: c.text, width: 1.5 });
      p.text(x + 2, y + 18, `c${m.index}`, c.muted, MONO);
    } else
      p.text(
        x,
        y + 5,
        m.kind === 'crash' ? '✕' : '↻',
        m.kind === 'crash' ? c.crash : c.restart,
        SANS_BOLD,
        'center',
      );
  }
  if (g.moment >= g.from && g.moment <= g.to) {
    const x = xOf(g, g.moment);
    p.line(x, TOP - 6, x, heightOf(g.nodes) - 4, { color: c.moment, width: 1.5 });
    p.text(x + 3, TOP - 8, `${g.momentLabel} ${formatVirtualTime(g.moment)}`, c.moment, MONO);
  }
}

export function canvasPainter(ctx: CanvasRenderingContext2D): Painter {
  return {
    line(x1, y1, x2, y2, s) {
      ctx.beginPath();
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.width;
      ctx.globalAlpha = s.alpha ?? 1;
      ctx.setLineDash(s.dash === undefined ? [] : [...s.dash]);
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
      ctx.globalAlpha = 1;
    },
    rect(x, y, w, h, fill, alpha, outline) {
      ctx.globalAlpha = alpha;
      ctx.fillStyle = fill;
      ctx.fillRect(x, y, w, h);
      ctx.globalAlpha = 1;
      if (outline !== undefined) {
        ctx.setLineDash([]);
        ctx.strokeStyle = outline.color;
        ctx.lineWidth = outline.width;
        ctx.strokeRect(x, y, w, h);
      }
    },
    head(x, y, angle, color) {
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(angle);
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(0, 0);
      ctx.lineTo(-6, -3);
      ctx.lineTo(-6, 3);
      ctx.closePath();
      ctx.fill();
      ctx.restore();
    },
    text(x, y, s, color, font, align = 'left') {
      ctx.fillStyle = color;
      ctx.font = font;
      ctx.textAlign = align;
      ctx.fillText(s, x, y);
    },
  };
}

/** An SVG painter: collects elements; `svg()` gives the whole file. */
export function svgPainter(): Painter & {
  svg(width: number, height: number, background: string): string;
} {
  const out: string[] = [];
  const n = (v: number) => Math.round(v * 10) / 10;
  return {
    line(x1, y1, x2, y2, s) {
      const dash = s.dash === undefined ? '' : ` stroke-dasharray="${s.dash.join(' ')}"`;
      out.push(
        `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${s.color}" stroke-width="${s.width}"${dash}/>`,
      );
    },
    rect(x, y, w, h, fill, alpha, outline) {
      const stroke =
        outline === undefined ? '' : ` stroke="${outline.color}" stroke-width="${outline.width}"`;
      out.push(
        `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}" fill-opacity="${alpha}"${stroke}/>`,
      );
    },
    head(x, y, angle, color) {
      const deg = n((angle * 180) / Math.PI);
      out.push(
        `<path d="M0,0L-6,-3L-6,3Z" fill="${color}" transform="translate(${n(x)} ${n(y)}) rotate(${deg})"/>`,
      );
    },
    text(x, y, s, color, font, align = 'left') {
      const anchor = align === 'center' ? ' text-anchor="middle"' : '';
      const escaped = s.replace(
        /[<>&]/g,
        (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[ch]!,
      );
      out.push(
        `<text x="${n(x)}" y="${n(y)}" fill="${color}" style="font:${font}"${anchor}>${escaped}</text>`,
      );
    },
    svg(width, height, background) {
      return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${background}"/>${out.join('')}</svg>`;
    },
  };
}

/** The arrow nearest to a point, within `reach` px, or null. */
export function arrowAt(
  arrows: readonly Arrow[],
  g: Geometry,
  x: number,
  y: number,
  reach = 6,
): Arrow | null {
  let best: Arrow | null = null;
  let bestD = reach;
  for (const a of arrows) {
    const [x1, y1, x2, y2] = arrowEnds(a, g);
    const d = distanceToSegment(x, y, x1, y1, x2, y2);
    if (d <= bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

function distanceToSegment(
  px: number,
  py: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / len));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}
