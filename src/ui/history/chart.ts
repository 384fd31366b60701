/**
 * Draws the history with d3 joins into an <svg>: a time axis, one lane per client, a bar
 * per op. Called only when something it shows changed; an unchanged draw inserts nothing.
 */
import { axisTop, type Selection, scaleLinear, select } from 'd3';
import type { Bar } from './lanes';

export const LEFT = 44;
export const RIGHT = 12;
export const AXIS_H = 20;
export const LANE_H = 30;
const BAR_Y = 4;
const BAR_H = 16;
const TAIL_Y = 23;
const TAIL_H = 4;

export interface ChartModel {
  readonly width: number;
  readonly lanes: readonly string[];
  readonly domain: readonly [number, number];
  readonly now: number;
  readonly bars: readonly Bar[];
}

/** "250 ms", "12.5 s": virtual time on the axis. */
export function timeTick(t: number): string {
  // Padding may show a little before the run started: no negative times on the axis.
  if (t < 0) return '';
  if (Math.abs(t) < 1000) return `${Math.round(t * 10) / 10} ms`;
  return `${Math.round(t / 10) / 100} s`;
}

export class HistoryChart {
  private readonly axisSvg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly axis: Selection<SVGGElement, unknown, null, undefined>;
  private readonly lanes: Selection<SVGGElement, unknown, null, undefined>;
  private readonly bars: Selection<SVGGElement, unknown, null, undefined>;
  private readonly nowLine: Selection<SVGLineElement, unknown, null, undefined>;
  private readonly nowLabel: Selection<SVGTextElement, unknown, null, undefined>;
  private readonly clip: Selection<SVGRectElement, unknown, null, undefined>;

  /** The axis has its own <svg> so it stays in view while many lanes scroll below it. */
  constructor(axisElement: SVGSVGElement, element: SVGSVGElement) {
    this.axisSvg = select(axisElement);
    this.axis = this.axisSvg
      .append('g')
      .attr('class', 'haxis')
      .attr('transform', `translate(${LEFT},${AXIS_H - 1})`);
    this.nowLabel = this.axisSvg
      .append('text')
      .attr('class', 'hnow-label')
      .attr('text-anchor', 'end')
      .text('now');
    this.svg = select(element);
    const defs = this.svg.append('defs');
    const hatch = defs
      .append('pattern')
      .attr('id', 'history-hatch')
      .attr('width', 6)
      .attr('height', 6)
      .attr('patternUnits', 'userSpaceOnUse')
      .attr('patternTransform', 'rotate(45)');
    hatch.append('rect').attr('class', 'hatch-bg').attr('width', 6).attr('height', 6);
    hatch
      .append('line')
      .attr('class', 'hatch-line')
      .attr('x1', 0)
      .attr('y1', 0)
      .attr('x2', 0)
      .attr('y2', 6);
    this.clip = defs.append('clipPath').attr('id', 'history-clip').append('rect');
    this.lanes = this.svg.append('g').attr('class', 'hlanes');
    const plot = this.svg
      .append('g')
      .attr('transform', `translate(${LEFT},0)`)
      .attr('clip-path', 'url(#history-clip)');
    this.bars = plot.append('g').attr('class', 'hbars').attr('role', 'list');
    this.nowLine = plot.append('line').attr('class', 'hnow');
  }

  draw(m: ChartModel): void {
    const plotW = Math.max(10, m.width - LEFT - RIGHT);
    const height = Math.max(1, m.lanes.length) * LANE_H;
    this.axisSvg.attr('width', m.width).attr('height', AXIS_H);
    this.svg.attr('width', m.width).attr('height', height);
    this.clip
      .attr('x', -2)
      .attr('y', 0)
      .attr('width', plotW + 4)
      .attr('height', height);
    const x = scaleLinear().domain(m.domain).range([0, plotW]);
    this.axis.call(
      axisTop<number>(x)
        .ticks(Math.max(2, Math.floor(plotW / 90)))
        .tickFormat(timeTick)
        .tickSizeOuter(0),
    );
    this.drawLanes(m.lanes, m.width);
    const nowX = x(m.now);
    const nowShown = nowX >= 0 && nowX <= plotW;
    this.nowLine
      .attr('x1', nowX)
      .attr('x2', nowX)
      .attr('y1', 0)
      .attr('y2', height)
      .attr('display', nowShown ? null : 'none');
    this.nowLabel
      .attr('x', LEFT + nowX - 3)
      .attr('y', AXIS_H - 3)
      .attr('display', nowShown ? null : 'none');
    this.drawBars(m.bars);
  }

  private drawLanes(lanes: readonly string[], width: number): void {
    const lane = this.lanes
      .selectAll<SVGGElement, string>('g.hlane')
      .data(lanes, (d) => d)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'hlane');
        g.append('rect').attr('class', 'hlane-bg');
        g.append('text').attr('class', 'hlane-name');
        return g;
      });
    lane.attr('transform', (_, i) => `translate(0,${i * LANE_H})`);
    lane.classed('hlane-odd', (_, i) => i % 2 === 1);
    lane.select('rect').attr('width', width).attr('height', LANE_H);
    lane
      .select('text')
      .attr('x', 8)
      .attr('y', BAR_Y + BAR_H / 2)
      .text((d) => d);
  }

  private drawBars(bars: readonly Bar[]): void {
    const g = this.bars
      .selectAll<SVGGElement, Bar>('g.hbar')
      .data(bars, (d) => d.key)
      .join((enter) => {
        const bar = enter.append('g').attr('tabindex', 0).attr('role', 'listitem');
        bar.append('rect').attr('class', 'hbar-tail');
        bar.append('rect').attr('class', 'hbar-body').attr('rx', 3);
        bar.append('line').attr('class', 'hbar-strike');
        bar.append('text').attr('class', 'hbar-text');
        return bar;
      });
    g.attr('class', (d) => `hbar hbar-${d.kind}${d.unorderable ? ' hbar-bad' : ''}`)
      .attr('transform', (d) => `translate(0,${d.lane * LANE_H})`)
      .attr('data-index', (d) => d.index)
      .attr('aria-label', (d) =>
        d.unorderable ? `${d.label}; cannot be ordered with the others` : d.label,
      );
    g.select('.hbar-body')
      .attr('x', (d) => d.x0)
      .attr('y', BAR_Y)
      .attr('width', (d) => d.x1 - d.x0)
      .attr('height', BAR_H);
    g.select('.hbar-tail')
      .attr('display', (d) => (d.tail === null ? 'none' : null))
      .attr('x', (d) => d.x1)
      .attr('y', TAIL_Y)
      .attr('width', (d) => Math.max(0, (d.tail ?? d.x1) - d.x1))
      .attr('height', TAIL_H);
    g.select('.hbar-strike')
      .attr('display', (d) => (d.kind === 'fail' ? null : 'none'))
      .attr('x1', (d) => d.x0)
      .attr('x2', (d) => d.x1)
      .attr('y1', BAR_Y + BAR_H / 2)
      .attr('y2', BAR_Y + BAR_H / 2);
    g.select('.hbar-text')
      .attr('x', (d) => d.x0 + 4)
      .attr('y', BAR_Y + BAR_H / 2)
      .text((d) => (d.unorderable ? `⚠ ${d.text || d.label}` : d.text));
  }
}
