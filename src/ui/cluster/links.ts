/**
 * Links as two d3 joins: the lanes you see (under the nodes) and the lanes you click or
 * focus (over them, one Tab stop for all). Each direction is its own lane; a cut lane is
 * dashed with a cross near its sender, so the state never rests on colour alone.
 */
import { select } from 'd3';
import type { NetworkView } from '../../sim/network';
import { nodeName } from '../../util/node-name';
import { laneBetween, pointAlong, type RingLayout, type Segment } from './layout';
import { cutByDraft, type Group } from './partition-draft';
import { becomeTabStop, installRoving, isActivation, keepOneTabStop } from './roving';

export type LaneState = 'up' | 'down' | 'blocked';

export interface LaneDatum {
  readonly key: string;
  readonly from: number;
  readonly to: number;
  readonly segment: Segment;
  readonly state: LaneState;
  /** The partition tool's draft would cut it. */
  readonly preview: boolean;
}

/** The state of the lane from -> to: blocked when either end is disconnected. */
export function laneState(network: NetworkView, size: number, from: number, to: number): LaneState {
  if (network.connected[from] === false || network.connected[to] === false) return 'blocked';
  return network.linkUp[from * size + to] === false ? 'down' : 'up';
}

export function laneData(
  layout: RingLayout,
  network: NetworkView,
  draft: readonly Group[] | null,
): LaneDatum[] {
  const size = layout.nodes.length;
  const lanes: LaneDatum[] = [];
  for (let from = 0; from < size; from++) {
    for (let to = 0; to < size; to++) {
      if (from === to) continue;
      lanes.push({
        key: `${from}-${to}`,
        from,
        to,
        segment: laneBetween(layout, from, to),
        state: laneState(network, size, from, to),
        preview: draft !== null && cutByDraft(draft, from, to),
      });
    }
  }
  return lanes;
}

/** What a lane is and what activating it does: cut or heal it, or open the link's menu. */
export function laneLabel(d: LaneDatum, opensMenu = false): string {
  const name = `Link from ${nodeName(d.from)} to ${nodeName(d.to)}`;
  if (d.state === 'blocked') return `${name}: blocked, a node is disconnected`;
  const state = d.state === 'up' ? 'up' : 'cut';
  if (opensMenu) return `${name}: ${state}. Activate for the link's menu`;
  return d.state === 'up' ? `${name}: up. Activate to cut it` : `${name}: cut. Activate to heal it`;
}

/** Where the cut cross sits along a lane: near the sender, so both directions show. */
const CUT_AT = 0.3;

export class LinksLayer {
  private readonly stopRoving: () => void;
  private lastSignature = '';

  constructor(
    private readonly visual: SVGGElement,
    private readonly hits: SVGGElement,
    private readonly onActivate: (from: number, to: number) => void,
  ) {
    this.stopRoving = installRoving(hits);
  }

  dispose(): void {
    this.stopRoving();
  }

  /** Redraws only when `signature` (layout, link states, draft) changed. */
  draw(signature: string, lanesNow: () => readonly LaneDatum[], opensMenu = false): void {
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    const lanes = lanesNow();
    select(this.visual)
      .selectAll<SVGGElement, LaneDatum>('g.lane')
      .data(lanes, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g');
        g.append('line').attr('class', 'wire');
        g.append('path').attr('class', 'cut');
        return g;
      })
      .attr('class', (d) => `lane ${d.state}${d.preview ? ' preview' : ''}`)
      .each(function (d) {
        const { start, end } = d.segment;
        const g = select(this);
        g.select('line')
          .attr('x1', start.x)
          .attr('y1', start.y)
          .attr('x2', end.x)
          .attr('y2', end.y);
        g.select('path').attr('d', d.state === 'down' ? cutMark(d.segment) : null);
      });
    select(this.hits)
      .selectAll<SVGLineElement, LaneDatum>('line.hit')
      .data(lanes, (d) => d.key)
      .join((enter) =>
        enter
          .append('line')
          .attr('class', 'hit')
          .attr('data-roving', '')
          .attr('tabindex', -1)
          .attr('role', 'button')
          .on('focus', (e: FocusEvent) => becomeTabStop(e.currentTarget as Element))
          .on('click', (_e, d) => this.onActivate(d.from, d.to))
          .on('keydown', (e: KeyboardEvent, d) => {
            if (!isActivation(e)) return;
            e.preventDefault();
            e.stopPropagation();
            this.onActivate(d.from, d.to);
          }),
      )
      .attr('x1', (d) => d.segment.start.x)
      .attr('y1', (d) => d.segment.start.y)
      .attr('x2', (d) => d.segment.end.x)
      .attr('y2', (d) => d.segment.end.y)
      .attr('aria-label', (d) => laneLabel(d, opensMenu))
      .attr('aria-disabled', (d) => (d.state === 'blocked' ? 'true' : null));
    keepOneTabStop(this.hits);
  }
}

/** A small cross over the lane, near its sender. */
function cutMark(s: Segment): string {
  const c = pointAlong(s, CUT_AT);
  const k = 4.5;
  return `M${c.x - k},${c.y - k}L${c.x + k},${c.y + k}M${c.x - k},${c.y + k}L${c.x + k},${c.y - k}`;
}
