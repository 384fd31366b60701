/**
 * Nodes as a d3 join. Each node is built once; its look changes only when what it shows
 * changes (a signature string), and its timer ring is the only per-frame work.
 * Role is a shape (plain circle, dashed ring, double ring with a crown) and a letter;
 * the term is a colour and a number.
 */
import { type BaseType, type Selection, select } from 'd3';
import type { NodeSnapshot } from '../../runtime/snapshot';
import { nodeName } from '../../util/node-name';
import { termColor, textOn } from '../colors';
import { majority, nodeCaption, nodeLabel, roleLetter, shownTerm } from './node-text';
import { GROUP_NAMES, type Group } from './partition-draft';
import { isActivation } from './roving';
import { type TimerScale, timerFraction, timerPath, timerStep } from './timer-arc';

export interface NodeDatum {
  readonly node: NodeSnapshot;
  readonly x: number;
  readonly y: number;
  readonly r: number;
  readonly size: number;
  readonly connected: boolean;
  readonly selected: boolean;
  /** A lesson's step points at it. */
  readonly highlighted: boolean;
  /** Partition tool open: the node's draft group. */
  readonly group: Group | null;
  readonly compact: boolean;
  /** A leader of an older term than the cluster's leader (it has not heard yet). */
  readonly stale: boolean;
}

/** Everything a node's look depends on, except the per-frame timer. */
export function nodeSignature(d: NodeDatum): string {
  const s = d.node.status;
  return [
    d.x.toFixed(1),
    d.y.toFixed(1),
    d.r.toFixed(1),
    d.node.alive,
    s?.role,
    shownTerm(d.node),
    s?.votedFor,
    s?.commitIndex,
    s?.votesGranted.join('.'),
    d.node.durableVotedFor,
    d.connected,
    d.selected,
    d.highlighted,
    d.group,
    d.compact,
    d.size,
    d.stale,
  ].join('|');
}

type G = Selection<SVGGElement, NodeDatum, SVGGElement, unknown>;
type One = Selection<SVGGElement, NodeDatum, null, undefined>;

export class NodesLayer {
  private readonly signatures = new Map<number, string>();
  private readonly timerSteps = new Map<number, number>();

  constructor(
    private readonly layer: SVGGElement,
    private readonly onActivate: (id: number) => void,
  ) {}

  draw(data: readonly NodeDatum[]): void {
    const joined = select(this.layer)
      .selectAll<SVGGElement, NodeDatum>('g.node')
      .data(data, (d) => d.node.id)
      .join((enter) => this.enter(enter.append('g')));
    joined.each((d, i, els) => {
      const sig = nodeSignature(d);
      if (this.signatures.get(d.node.id) === sig) return;
      this.signatures.set(d.node.id, sig);
      this.timerSteps.delete(d.node.id);
      update(select(els[i]!), d);
    });
    for (const id of this.signatures.keys()) {
      if (id >= data.length) this.signatures.delete(id);
    }
  }

  /** The per-frame part: each timer ring, redrawn only when it visibly changed. */
  drawTimers(now: number, scale: TimerScale): void {
    select(this.layer)
      .selectAll<SVGGElement, NodeDatum>('g.node')
      .each((d, i, els) => {
        const f = timerFraction(d.node.status, now, scale);
        const step = timerStep(f);
        if (this.timerSteps.get(d.node.id) === step) return;
        this.timerSteps.set(d.node.id, step);
        const path = els[i]!.querySelector('path.timer');
        path?.setAttribute('d', timerPath(f, d.r + 6, d.r + 9));
        path?.classList.toggle('low', f !== null && f < 0.25);
      });
  }

  /**
   * Each node is a wrapper (position and look) around two parts: the button (the disc and
   * its rings, focusable, named in words) and its drawn words (name, term, role letter,
   * caption), hidden from assistive tech because the button's name already says them.
   * Words inside the button would have to appear, in order, in its name (label in name).
   */
  private enter(g: G): G {
    g.attr('class', 'node');
    const button = g
      .append('g')
      .attr('class', 'node-button')
      .attr('role', 'button')
      .attr('tabindex', 0)
      .on('click', (_e, d) => this.onActivate(d.node.id))
      .on('keydown', (e: KeyboardEvent, d) => {
        if (!isActivation(e)) return;
        e.preventDefault();
        e.stopPropagation();
        this.onActivate(d.node.id);
      });
    button.append('circle').attr('class', 'halo');
    button.append('circle').attr('class', 'moat');
    button.append('circle').attr('class', 'timer-track');
    button.append('path').attr('class', 'timer');
    button.append('circle').attr('class', 'role-ring');
    button.append('path').attr('class', 'crown').attr('d', CROWN);
    button.append('g').attr('class', 'votes');
    button.append('circle').attr('class', 'body');
    button.append('line').attr('class', 'strike');
    const words = g.append('g').attr('class', 'node-words').attr('aria-hidden', 'true');
    words.append('text').attr('class', 'term-caption').text('term');
    words.append('text').attr('class', 'term');
    const badge = words.append('g').attr('class', 'badge');
    badge
      .append('rect')
      .attr('class', 'badge-bg')
      .attr('width', 15)
      .attr('height', 15)
      .attr('rx', 4);
    badge.append('text').attr('class', 'badge-letter').attr('x', 7.5).attr('y', 11.5);
    words.append('text').attr('class', 'name');
    words.append('text').attr('class', 'caption');
    const pill = words.append('g').attr('class', 'group-pill');
    pill
      .append('rect')
      .attr('class', 'pill-bg')
      .attr('x', -29)
      .attr('width', 58)
      .attr('height', 17)
      .attr('rx', 8.5);
    pill.append('text').attr('class', 'pill-text').attr('y', 12.5);
    return g;
  }
}

/** A small crown above the leader, drawn around (0, 0). */
const CROWN = 'M-9,4 L-9,-4 L-4.5,0 L0,-7 L4.5,0 L9,-4 L9,4 Z';

function update(g: One, d: NodeDatum): void {
  const { node, r } = d;
  const s = node.status;
  const role = s?.role ?? 'crashed';
  const term = shownTerm(node);
  const color = termColor(term);
  g.attr('transform', `translate(${d.x},${d.y})`)
    .attr('class', `node role-${role}${d.connected ? '' : ' cut-off'}${d.stale ? ' stale' : ''}`)
    .classed('selected', d.selected)
    .classed('highlighted', d.highlighted)
    .classed('partitioning', d.group !== null);
  const group = d.group === null ? '' : GROUP_NAMES[d.group];
  const label = nodeLabel(node, d.size, d.connected, d.stale);
  g.select('.node-button')
    .attr('aria-label', d.group === null ? label : `${label}, in group ${group}`)
    .attr('aria-pressed', d.group === null ? d.selected : null);
  g.select('.halo').attr('r', r + 14);
  g.select('.moat').attr('r', r + 16);
  g.select('.timer-track').attr('r', r + 7.5);
  g.select('.role-ring').attr('r', r + 3.5);
  g.select('.crown').attr('transform', `translate(0,${-r - 16})`);
  g.select('.body').attr('r', r).attr('fill', color);
  g.select('.strike')
    .attr('x1', -r * 0.8)
    .attr('y1', r * 0.8)
    .attr('x2', r * 0.8)
    .attr('y2', -r * 0.8);
  // Crashed nodes are greyed by the stylesheet, which wins over these attributes.
  const ink = textOn(color);
  const big = r >= 20;
  g.select('.term-caption')
    .attr('y', -r * 0.28)
    .attr('fill', ink)
    .attr('display', big ? 'inline' : 'none');
  g.select('.term')
    .attr('y', big ? r * 0.42 : 5)
    .attr('fill', ink)
    .style('font-size', `${Math.round(Math.max(12, r * 0.72))}px`)
    .call(setText, String(term));
  g.select('.badge').attr('transform', `translate(${r * 0.62},${-r * 0.62 - 13})`);
  g.select('.badge-letter').call(setText, roleLetter(node));
  g.select('.name')
    .attr('y', r + 17)
    .attr('display', d.compact ? 'none' : 'inline')
    .call(setText, nodeName(node.id));
  g.select('.caption')
    .attr('y', d.compact ? r + 19 : r + 30)
    .call(setText, nodeCaption(node, d.size, d.connected, d.compact, d.stale));
  drawVotes(g, d);
  const pill = g
    .select('.group-pill')
    .attr('transform', `translate(0,${d.compact ? r + 6 : r + 20})`);
  pill.attr('data-group', d.group === null ? null : group);
  pill
    .select('.pill-text')
    .call(setText, d.compact ? `${nodeName(node.id)}: ${group}` : `group ${group}`);
}

/** Sets text only when it differs: setting textContent replaces the text node. */
function setText<D>(sel: Selection<BaseType, D, null, undefined>, text: string): void {
  const el = sel.node() as Element | null;
  if (el !== null && el.textContent !== text) el.textContent = text;
}

/** A candidate's votes: one dot per member, filled when granted, a tick at the majority. */
function drawVotes(g: One, d: NodeDatum): void {
  const s = d.node.status;
  const granted = s?.role === 'candidate' ? s.votesGranted.length : 0;
  const dots = s?.role === 'candidate' ? Array.from({ length: d.size }, (_, i) => i < granted) : [];
  const gap = 8;
  const x0 = -((dots.length - 1) * gap) / 2;
  const votes = g.select<SVGGElement>('.votes').attr('transform', `translate(${x0},${-d.r - 15})`);
  votes
    .selectAll('circle')
    .data(dots)
    .join('circle')
    .attr('cx', (_v, i) => i * gap)
    .attr('r', 3)
    .attr('class', (v) => (v ? 'granted' : 'missing'));
  const tick = dots.length > 0 ? [majority(d.size)] : [];
  votes
    .selectAll('line')
    .data(tick)
    .join('line')
    .attr('x1', (m) => m * gap - gap / 2)
    .attr('x2', (m) => m * gap - gap / 2)
    .attr('y1', -5)
    .attr('y2', 5);
}
