/**
 * Nodes as a d3 join. Each node is built once; its look changes only when what it shows
 * changes (a signature string), and its timer ring is the only per-frame work.
 * Role is a shape (plain circle, dashed ring, double ring with a crown) and a letter;
 * the term is a colour and a number.
 */
import { type Selection, select } from 'd3';
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
  /** Each node's timer ring as last drawn: its step and radius. */
  private readonly timerSteps = new Map<number, string>();

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
        const drawn = `${timerStep(f)}|${d.r}`;
        if (this.timerSteps.get(d.node.id) === drawn) return;
        this.timerSteps.set(d.node.id, drawn);
        const path = els[i]!.querySelector('path.timer');
        if (path === null) return;
        path.setAttribute('d', timerPath(f, d.r + 6, d.r + 9));
        const low = f !== null && f < 0.25;
        if (path.classList.contains('low') !== low) path.classList.toggle('low', low);
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
  const root = g.node() as SVGGElement;
  const part = (selector: string) => root.querySelector(selector);
  const classes = [
    'node',
    `role-${role}`,
    d.connected ? '' : 'cut-off',
    d.stale ? 'stale' : '',
    d.selected ? 'selected' : '',
    d.highlighted ? 'highlighted' : '',
    d.group !== null ? 'partitioning' : '',
  ];
  setAttr(root, 'transform', `translate(${d.x},${d.y})`);
  setAttr(root, 'class', classes.filter((c) => c !== '').join(' '));
  const group = d.group === null ? '' : GROUP_NAMES[d.group];
  const label = nodeLabel(node, d.size, d.connected, d.stale);
  const button = part('.node-button');
  setAttr(button, 'aria-label', d.group === null ? label : `${label}, in group ${group}`);
  setAttr(button, 'aria-pressed', d.group === null ? String(d.selected) : null);
  setAttr(part('.halo'), 'r', r + 14);
  setAttr(part('.moat'), 'r', r + 16);
  setAttr(part('.timer-track'), 'r', r + 7.5);
  setAttr(part('.role-ring'), 'r', r + 3.5);
  setAttr(part('.crown'), 'transform', `translate(0,${-r - 16})`);
  const body = part('.body');
  setAttr(body, 'r', r);
  setAttr(body, 'fill', color);
  const strike = part('.strike');
  setAttr(strike, 'x1', -r * 0.8);
  setAttr(strike, 'y1', r * 0.8);
  setAttr(strike, 'x2', r * 0.8);
  setAttr(strike, 'y2', -r * 0.8);
  // Crashed nodes are greyed by the stylesheet, which wins over these attributes.
  const ink = textOn(color);
  const big = r >= 20;
  const caption = part('.term-caption');
  setAttr(caption, 'y', -r * 0.28);
  setAttr(caption, 'fill', ink);
  setAttr(caption, 'display', big ? 'inline' : 'none');
  const termText = part('.term');
  setAttr(termText, 'y', big ? r * 0.42 : 5);
  setAttr(termText, 'fill', ink);
  setAttr(termText, 'style', `font-size: ${Math.round(Math.max(12, r * 0.72))}px;`);
  setText(termText, String(term));
  setAttr(part('.badge'), 'transform', `translate(${r * 0.62},${-r * 0.62 - 13})`);
  setText(part('.badge-letter'), roleLetter(node));
  const name = part('.name');
  setAttr(name, 'y', r + 17);
  setAttr(name, 'display', d.compact ? 'none' : 'inline');
  setText(name, nodeName(node.id));
  const nodeCaptionText = part('.caption');
  setAttr(nodeCaptionText, 'y', d.compact ? r + 19 : r + 30);
  setText(nodeCaptionText, nodeCaption(node, d.size, d.connected, d.compact, d.stale));
  drawVotes(g, d);
  const pill = part('.group-pill');
  setAttr(pill, 'transform', `translate(0,${d.compact ? r + 6 : r + 20})`);
  setAttr(pill, 'data-group', d.group === null ? null : group);
  setText(
    pill?.querySelector('.pill-text') ?? null,
    d.compact ? `${nodeName(node.id)}: ${group}` : `group ${group}`,
  );
}

/**
 * Sets (or, for null, removes) an attribute only when it differs: every write of an SVG
 * attribute makes the browser lay out and paint the element again, changed or not.
 */
function setAttr(el: Element | null, name: string, value: string | number | null): void {
  if (el === null) return;
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** Sets text only when it differs: setting textContent replaces the text node. */
function setText(el: Element | null, text: string): void {
  if (el !== null && el.textContent !== text) el.textContent = text;
}

/** A candidate's votes: one dot per member, filled when granted, a tick at the majority. */
function drawVotes(g: One, d: NodeDatum): void {
  const s = d.node.status;
  const granted = s?.role === 'candidate' ? s.votesGranted.length : 0;
  const dots = s?.role === 'candidate' ? Array.from({ length: d.size }, (_, i) => i < granted) : [];
  const gap = 8;
  const x0 = -((dots.length - 1) * gap) / 2;
  const votes = g.select<SVGGElement>('.votes');
  setAttr(votes.node(), 'transform', `translate(${x0},${-d.r - 15})`);
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
