/**
 * Ring geometry for the cluster view, pure: where nodes sit, where the clients point is,
 * the two directed lanes between two endpoints, and where a message in flight is. Pixel
 * units (the SVG's viewBox is the container's size, so text stays readable).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface RingLayout {
  readonly width: number;
  readonly height: number;
  readonly center: Point;
  /** The ring is an ellipse when the stage is wider than tall (more room between nodes). */
  readonly radiusX: number;
  readonly radiusY: number;
  readonly nodeRadius: number;
  /** Node i's centre; node 0 at the top, then clockwise. */
  readonly nodes: readonly Point[];
  /** Where KV clients' messages come from and go to. */
  readonly clients: Point;
  /** Neighbours are close: node captions should be short. */
  readonly compact: boolean;
}

/** Room kept above a node's centre (beyond its radius) for the crown / vote dots. */
const ABOVE = 26;
/** Room kept below a node's centre (beyond its radius) for its two caption lines. */
const BELOW = 38;
/** Room at each side for captions wider than the node. */
const SIDE = 50;
/** Space between a node's edge and the start of a lane (its rings live there). */
export const LANE_GAP = 12;
/** How far apart the two directions of a link are drawn. */
export const LANE_OFFSET = 4;
/** Where a held message waits along its lane (just before the receiver). */
export const HELD_AT = 0.86;

/** The message details panel's width (cluster.css --popover-width). */
export const POPOVER_WIDTH = 246;
/** The narrowest ring worth moving aside for the panel; below it the panel overlays. */
const RING_WIDTH_MIN = 320;

/** Room to keep free on the right for the message panel on a stage this wide (0: none). */
export function popoverRoom(width: number): number {
  const room = POPOVER_WIDTH + 12;
  return width - room >= RING_WIDTH_MIN ? room : 0;
}

/** The ring in a `width` x `height` stage, leaving `reserveRight` pixels free on the right. */
export function ringLayout(
  count: number,
  width: number,
  height: number,
  reserveRight = 0,
): RingLayout {
  const n = Math.max(1, Math.floor(count));
  const fullWidth = Math.max(160, width);
  const w = Math.max(160, fullWidth - Math.max(0, reserveRight));
  const h = Math.max(160, height);
  // Crowded (many nodes, small stage): smaller nodes with a one-line caption.
  let ring = placeRing(n, w, h, false);
  const compact = ring.spacing < ROOMY_SPACING;
  if (compact) ring = placeRing(n, w, h, true);
  const { nodeRadius, radiusX, radiusY } = ring;
  const top = nodeRadius + ABOVE;
  const bottom = h - (nodeRadius + (compact ? BELOW_COMPACT : BELOW));
  const center = { x: w / 2, y: (top + bottom) / 2 };
  return {
    width: fullWidth,
    height: h,
    center,
    radiusX,
    radiusY,
    nodeRadius,
    nodes: ellipsePoints(n, center, radiusX, radiusY),
    clients: { x: 34, y: h - 30 },
    compact,
  };
}

/** Neighbours closer than this get the compact look. */
const ROOMY_SPACING = 108;
/** Room below a node for a one-line caption. */
const BELOW_COMPACT = 24;
/** How much wider than tall the ring may be. */
const ELLIPSE_RATIO_MAX = 1.45;

/** n points on the ellipse, the first at the top, then clockwise on screen. */
function ellipsePoints(n: number, c: Point, rx: number, ry: number): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: c.x + rx * Math.cos(angle), y: c.y + ry * Math.sin(angle) };
  });
}

/** The smallest distance between two neighbours on the ring. */
function spacingOf(n: number, rx: number, ry: number): number {
  if (n < 2) return Infinity;
  const p = ellipsePoints(n, { x: 0, y: 0 }, rx, ry);
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const a = p[i]!;
    const b = p[(i + 1) % n]!;
    min = Math.min(min, Math.hypot(a.x - b.x, a.y - b.y));
  }
  return min;
}

function placeRing(n: number, w: number, h: number, compact: boolean) {
  const below = compact ? BELOW_COMPACT : BELOW;
  const side = compact ? SIDE * 0.75 : SIDE;
  let nodeRadius = compact
    ? clamp(Math.min(w, h) * 0.05, 13, 19)
    : clamp(Math.min(w, h) * (n <= 5 ? 0.07 : 0.058), 15, 30);
  const radiiFor = (r: number) => {
    const ry = Math.max(20, (h - (r + ABOVE) - (r + below)) / 2);
    const rx = Math.max(20, (w - 2 * (r + side)) / 2);
    // Round when there is room; wider than tall only as far as the stage asks.
    return { rx: Math.min(rx, ry * ELLIPSE_RATIO_MAX), ry: Math.min(ry, rx) };
  };
  let { rx, ry } = radiiFor(nodeRadius);
  // Neighbours must not touch: shrink the nodes when the ring is still crowded.
  const fit = (spacingOf(n, rx, ry) - 2 * LANE_GAP - 8) / 2;
  if (fit < nodeRadius) {
    nodeRadius = Math.max(11, fit);
    ({ rx, ry } = radiiFor(nodeRadius));
  }
  return { nodeRadius, radiusX: rx, radiusY: ry, spacing: spacingOf(n, rx, ry) };
}

export interface Segment {
  readonly start: Point;
  readonly end: Point;
}

/**
 * The lane a message from `from` to `to` travels: from the sender's edge to the receiver's
 * edge, shifted to the right of the direction of travel so the two directions of a link
 * are two parallel lanes. A radius of 0 means a point (the clients point).
 */
export function lane(from: Point, to: Point, fromRadius: number, toRadius: number): Segment {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { start: from, end: to };
  const ux = dx / length;
  const uy = dy / length;
  // Right-hand normal in screen coordinates (y grows downwards).
  const nx = -uy * LANE_OFFSET;
  const ny = ux * LANE_OFFSET;
  const startGap = fromRadius > 0 ? Math.min(fromRadius + LANE_GAP, length / 2) : 0;
  const endGap = toRadius > 0 ? Math.min(toRadius + LANE_GAP, length / 2) : 0;
  return {
    start: { x: from.x + ux * startGap + nx, y: from.y + uy * startGap + ny },
    end: { x: to.x - ux * endGap + nx, y: to.y - uy * endGap + ny },
  };
}

/** Node ids are numbers; clients (strings) all share the clients point. */
export type Endpoint = number | string;

export function endpointPoint(layout: RingLayout, e: Endpoint): Point {
  if (typeof e === 'number') return layout.nodes[e] ?? layout.clients;
  return layout.clients;
}

function endpointRadius(layout: RingLayout, e: Endpoint): number {
  return typeof e === 'number' && layout.nodes[e] !== undefined ? layout.nodeRadius : 0;
}

export function laneBetween(layout: RingLayout, from: Endpoint, to: Endpoint): Segment {
  return lane(
    endpointPoint(layout, from),
    endpointPoint(layout, to),
    endpointRadius(layout, from),
    endpointRadius(layout, to),
  );
}

export function pointAlong(s: Segment, t: number): Point {
  return { x: s.start.x + (s.end.x - s.start.x) * t, y: s.start.y + (s.end.y - s.start.y) * t };
}

export interface Timed {
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly held: boolean;
}

/**
 * How far along its lane a message is at virtual time `now`, 0 (just sent) to 1 (due):
 * it moves because virtual time moves. A held message waits near its receiver.
 */
export function messageProgress(m: Timed, now: number): number {
  if (m.held) return HELD_AT;
  const span = m.deliverAt - m.sentAt;
  if (!(span > 0)) return 1;
  return clamp((now - m.sentAt) / span, 0, 1);
}

export function messagePoint(
  layout: RingLayout,
  m: Timed & { readonly from: Endpoint; readonly to: Endpoint },
  now: number,
): Point {
  return pointAlong(laneBetween(layout, m.from, m.to), messageProgress(m, now));
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
