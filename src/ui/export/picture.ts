/**
 * A picture of the cluster and its logs at this moment, for slides: the ring as drawn on
 * screen (its SVG, with the current theme's computed styles written in), and the logs
 * drawn from the same view, side by side. SVG as text; PNG at a chosen scale from it.
 * Any other drawing of the page (the space-time view) saves the same way (standaloneSvg).
 */
import type { ClusterView } from '../../runtime/snapshot';
import { nodeName } from '../../util/node-name';
import { termColor, textOn } from '../colors';

/** Properties that make the drawing look as it does on screen, once styles are gone. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linejoin',
  'stroke-linecap',
  'paint-order',
  'letter-spacing',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
];

/** Log entries per row in the picture: the newest, as the log view shows them. */
const PICTURE_ENTRIES_MAX = 24;
const CELL = 30;
const ROW = 34;
const LABEL = 110;
const GAP = 24;

export interface Picture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export function picture(ring: SVGSVGElement, view: ClusterView, scale: number): Picture {
  const doc = ring.ownerDocument;
  const page = doc.defaultView!.getComputedStyle(doc.body);
  const background = page.backgroundColor;
  const ink = page.color;
  const box = ring.viewBox.baseVal;
  const ringW = box.width || ring.clientWidth;
  const ringH = box.height || ring.clientHeight;
  const clone = ring.cloneNode(true) as SVGSVGElement;
  inlineStyles(ring, clone);
  clone.setAttribute('x', '0');
  clone.setAttribute('y', '0');
  clone.setAttribute('width', String(ringW));
  clone.setAttribute('height', String(ringH));
  const logs = logsPicture(view, ink);
  const width = Math.ceil(ringW + GAP + logs.width);
  const height = Math.ceil(Math.max(ringH, logs.height));
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    new XMLSerializer().serializeToString(clone),
    `<g transform="translate(${ringW + GAP} ${Math.max(0, (ringH - logs.height) / 2)})">${logs.svg}</g>`,
    '</svg>',
  ].join('');
  return { svg, width: width * scale, height: height * scale };
}

/** An SVG on the page as a file of its own: its styles written in, on the page's background. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const doc = svg.ownerDocument;
  const background = doc.defaultView!.getComputedStyle(svg).backgroundColor;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const rect = doc.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** The PNG of a picture, drawn by the browser from its SVG. */
export async function pngOf(p: Picture): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(p.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = p.width;
  canvas.height = p.height;
  canvas.getContext('2d')!.drawImage(image, 0, 0, p.width, p.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b === null ? reject(new Error('the PNG could not be made')) : resolve(b)),
      'image/png',
    ),
  );
}

function inlineStyles(from: Element, to: Element): void {
  const style = from.ownerDocument.defaultView!.getComputedStyle(from);
  const inline = STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
  to.setAttribute('style', inline);
  to.removeAttribute('class');
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length; i++) inlineStyles(a[i]!, b[i]!);
}

function logsPicture(
  view: ClusterView,
  ink: string,
): { svg: string; width: number; height: number } {
  const longest = Math.max(0, ...view.logs.map((l) => l.length));
  const first = Math.max(1, longest - PICTURE_ENTRIES_MAX + 1);
  const columns = longest - first + 1;
  const out: string[] = [];
  const text = (x: number, y: number, s: string, extra = '') =>
    `<text x="${x}" y="${y}" fill="${ink}" font-family="system-ui, sans-serif" font-size="12" ${extra}>${escapeXml(s)}</text>`;
  for (let i = first; i <= longest; i++)
    out.push(
      text(LABEL + (i - first) * CELL + CELL / 2 - 2, 12, String(i), 'text-anchor="middle"'),
    );
  view.nodes.forEach((node, row) => {
    const y = 20 + row * ROW;
    const role = node.alive && node.status !== null ? node.status.role : 'crashed';
    const commit = node.status?.commitIndex ?? 0;
    out.push(text(0, y + 18, `${nodeName(node.id)} ${role}`, 'font-weight="600"'));
    const log = view.logs[row] ?? [];
    for (let i = first; i <= log.length; i++) {
      const e = log[i - 1]!;
      const x = LABEL + (i - first) * CELL;
      const fill = termColor(e.term);
      const committed = i <= commit;
      out.push(
        `<rect x="${x}" y="${y}" width="${CELL - 4}" height="${ROW - 8}" rx="3" fill="${fill}" fill-opacity="${committed ? 1 : 0.45}" stroke="${ink}" stroke-width="${committed ? 1.5 : 0.5}"${committed ? '' : ' stroke-dasharray="3 2"'}/>`,
        `<text x="${x + (CELL - 4) / 2}" y="${y + 17}" fill="${committed ? textOn(fill) : ink}" font-family="ui-monospace, monospace" font-size="11" text-anchor="middle">t${e.term}</text>`,
      );
    }
    if (commit >= first)
      out.push(
        `<line x1="${LABEL + (commit - first + 1) * CELL - 2}" x2="${LABEL + (commit - first + 1) * CELL - 2}" y1="${y - 3}" y2="${y + ROW - 5}" stroke="${ink}" stroke-width="2"/>`,
      );
  });
  // Wide enough for the legend line below the rows.
  const width = Math.max(LABEL + Math.max(1, columns) * CELL, 440);
  const height = 20 + view.nodes.length * ROW;
  const legend = text(
    0,
    height + 14,
    'solid: committed · faded: not committed yet · bar: commit index',
  );
  return { svg: out.join('') + legend, width, height: height + 20 };
}

function escapeXml(s: string): string {
  return s.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!,
  );
}
