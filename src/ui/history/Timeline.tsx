/**
 * The history's time axis and lanes. Redraws through store subscriptions (not React
 * renders) and only when the ops, verdict, clients, now, width or viewport changed.
 */
import { useEffect, useRef, useState } from 'react';
import type { HistoryOp } from '../../kv/history';
import { useStore } from '../store/store';
import type { ConsoleEntry, StoreState, Verdict } from '../store/types';
import { HistoryChart, LEFT, RIGHT } from './chart';
import { change, setViewport, useHistoryUi } from './history-ui';
import { laneList, layoutBars, pendingIndices } from './lanes';
import { type BarKind, opDetails } from './op-text';
import { domainOf, follow, pan, type Viewport, zoom } from './viewport';
import { ZoomControls } from './ZoomControls';

interface Tip {
  readonly lines: readonly string[];
  readonly x: number;
  readonly y: number;
}

function busyClients(entries: readonly ConsoleEntry[]): Set<string> {
  const busy = new Set<string>();
  for (const e of entries) if (e.status === 'pending') busy.add(e.client);
  return busy;
}

/** Indices into the current ops of those that cannot be ordered (see HistoryState.dropped). */
function unorderableOf(v: Verdict, dropped: number): Set<number> {
  return new Set(
    v.status === 'illegal' ? v.unorderable.map((i) => i - dropped).filter((i) => i >= 0) : [],
  );
}

/** What one drawing depends on; a draw is skipped when none of it changed. */
interface Inputs {
  readonly ops: readonly HistoryOp[];
  readonly verdict: Verdict;
  readonly dropped: number;
  readonly clients: readonly string[];
  readonly console: readonly ConsoleEntry[];
  readonly width: number;
  readonly from: number;
  readonly to: number;
  /** -1 while now is out of view and nothing waits: the clock ticking changes nothing drawn. */
  readonly now: number;
}

function inputsOf(s: StoreState, width: number, viewport: Viewport): Inputs {
  const { ops, verdict, dropped } = s.history;
  const now = s.view?.now ?? 0;
  const [from, to] = domainOf(viewport, ops, now);
  const waiting = s.console.some((e) => e.status === 'pending');
  const nowMatters = waiting || (now >= from && now <= to);
  return {
    ops,
    verdict,
    dropped,
    clients: s.clients,
    console: s.console,
    width,
    from,
    to,
    now: nowMatters ? now : -1,
  };
}

function same(a: Inputs | null, b: Inputs): boolean {
  if (a === null) return false;
  return (Object.keys(b) as (keyof Inputs)[]).every((k) => a[k] === b[k]);
}

type Move = (v: Viewport, ops: readonly HistoryOp[], now: number) => Viewport;

/** Keys on the focused plot: arrows pan, + and − zoom, Home fits all, End follows now. */
const KEY_MOVES = new Map<string, Move>([
  ['ArrowLeft', (v, o, n) => pan(v, -0.2, o, n)],
  ['ArrowRight', (v, o, n) => pan(v, 0.2, o, n)],
  ['+', (v, o, n) => zoom(v, 0.7, 0.5, o, n)],
  ['=', (v, o, n) => zoom(v, 0.7, 0.5, o, n)],
  ['-', (v, o, n) => zoom(v, 1 / 0.7, 0.5, o, n)],
  ['Home', () => ({ mode: 'all' })],
  ['End', follow],
]);

export function Timeline() {
  const box = useRef<HTMLElement>(null);
  const axisSvg = useRef<SVGSVGElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [omitted, setOmitted] = useState(0);
  const [tip, setTip] = useState<Tip | null>(null);
  // Derived per draw and read by the tooltip.
  const derived = useRef({ kinds: new Map<number, BarKind>(), bad: new Set<number>() });

  useEffect(() => {
    const el = box.current;
    const svgEl = svg.current;
    const axisEl = axisSvg.current;
    const scroller = svgEl?.parentElement ?? null;
    if (el === null || svgEl === null || axisEl === null || scroller === null) return;
    const chart = new HistoryChart(axisEl, svgEl);
    // The lanes' width (without their scroll bar) sets both the lanes and the axis.
    let width = scroller.clientWidth;
    let last: Inputs | null = null;
    const draw = () => {
      const state = useStore.getState();
      const inputs = inputsOf(state, width, useHistoryUi.getState().viewport);
      if (same(last, inputs)) return;
      last = inputs;
      const now = state.view?.now ?? 0;
      const domain: [number, number] = [inputs.from, inputs.to];
      const lanes = laneList(inputs.clients, inputs.ops);
      const pending = pendingIndices(inputs.ops, busyClients(inputs.console));
      const unorderable = unorderableOf(inputs.verdict, inputs.dropped);
      const plotW = Math.max(10, width - LEFT - RIGHT);
      const { bars, omitted } = layoutBars({
        ops: inputs.ops,
        lanes,
        pending,
        unorderable,
        domain,
        width: plotW,
        now,
      });
      derived.current = { kinds: new Map(bars.map((b) => [b.index, b.kind])), bad: unorderable };
      chart.draw({ width, lanes, domain, now, bars });
      setOmitted(omitted);
    };
    draw();
    const stopStore = useStore.subscribe(draw);
    const stopUi = useHistoryUi.subscribe(draw);
    const resize = new ResizeObserver(() => {
      width = scroller.clientWidth;
      draw();
    });
    resize.observe(scroller);
    return () => {
      stopStore();
      stopUi();
      resize.disconnect();
      // The next mount (StrictMode mounts twice) builds its own chart.
      svgEl.replaceChildren();
      axisEl.replaceChildren();
    };
  }, []);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    // React's wheel listener is passive; zooming must stop the page from scrolling.
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY === 0) return;
      e.preventDefault();
      setTip(null);
      const rect = el.getBoundingClientRect();
      const plotW = Math.max(10, rect.width - LEFT - RIGHT);
      const anchor = Math.min(1, Math.max(0, (e.clientX - rect.left - LEFT) / plotW));
      change((v, ops, now) => zoom(v, Math.exp(e.deltaY * 0.002), anchor, ops, now));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const showTip = (target: Element, x: number, y: number) => {
    const bar = target.closest('g.hbar');
    const index = Number(bar?.getAttribute('data-index'));
    const op = useStore.getState().history.ops[index];
    if (bar === null || op === undefined) {
      setTip(null);
      return;
    }
    const kind = derived.current.kinds.get(index) ?? 'unknown';
    setTip({ lines: opDetails(op, kind, derived.current.bad.has(index)), x, y });
  };

  const drag = useRef<{ x: number; viewport: Viewport; moved: boolean } | null>(null);

  return (
    <div className="htimeline">
      <ZoomControls omitted={omitted} />
      <section
        ref={box}
        className="hplot"
        aria-label="Operations on a time axis: arrow keys pan, + and − zoom"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the plot takes arrow keys to pan and zoom
        tabIndex={0}
        onKeyDown={(e) => {
          const f = KEY_MOVES.get(e.key);
          if (f === undefined || e.target !== e.currentTarget) return;
          e.preventDefault();
          change(f);
        }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          drag.current = { x: e.clientX, viewport: useHistoryUi.getState().viewport, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d === null || (e.buttons & 1) === 0) {
            if (d === null) showTip(e.target as Element, e.clientX, e.clientY);
            return;
          }
          const dx = e.clientX - d.x;
          if (!d.moved && Math.abs(dx) < 4) return;
          if (!d.moved) e.currentTarget.setPointerCapture(e.pointerId);
          d.moved = true;
          setTip(null);
          const plotW = Math.max(10, e.currentTarget.clientWidth - LEFT - RIGHT);
          const s = useStore.getState();
          setViewport(pan(d.viewport, -dx / plotW, s.history.ops, s.view?.now ?? 0));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerLeave={() => setTip(null)}
        onFocus={(e) => {
          const r = e.target.getBoundingClientRect();
          if (e.target.closest('g.hbar') !== null) showTip(e.target, r.left, r.bottom);
        }}
        onBlur={() => setTip(null)}
      >
        <svg ref={axisSvg} className="hsvg haxis-svg" aria-hidden="true" />
        <div className="hlanes-scroll">
          <svg ref={svg} className="hsvg" />
        </div>
      </section>
      {tip !== null && (
        <div
          className="htip"
          role="tooltip"
          style={{
            left: Math.max(4, Math.min(tip.x + 12, window.innerWidth - 340)),
            // Above the pointer near the bottom of the window, below it elsewhere.
            ...(tip.y > window.innerHeight - 110
              ? { bottom: window.innerHeight - tip.y + 10 }
              : { top: tip.y + 14 }),
          }}
        >
          {tip.lines.map((l, i) => (
            <div key={l} className={i === 0 ? 'htip-head' : undefined}>
              {l}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
