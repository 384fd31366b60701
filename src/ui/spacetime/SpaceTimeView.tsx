/**
 * The space-time view: a Lamport diagram of the run. One lane per node along virtual
 * time, its term as a coloured band (crashed: a dashed gap), messages as arrows between
 * lanes coloured by kind, crash, restart and commit marks, and a line at the moment the
 * page shows. Drawn on a canvas, only the window on screen, at most once a frame, so a
 * long run stays smooth; the window's newest messages are also a list of buttons. A click
 * on an arrow selects that message (in the ring too, while it flies) and says what it was.
 */
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../context';
import { download } from '../download';
import { selectMessage, useStore } from '../store/store';
import { formatVirtualTime } from '../time/speed-scale';
import { describeArrow } from './describe';
import { type Arrow, SpaceTime, type Window } from './model';
import {
  arrowAt,
  canvasPainter,
  type Geometry,
  heightOf,
  type Palette,
  paintSpaceTime,
  svgPainter,
} from './paint';
import './spacetime.css';

const SPANS = [100, 200, 500, 1000, 2000, 5000, 10_000, 30_000];
/** Messages listed for keyboards and screen readers: the window's newest. */
const LISTED_MAX = 12;

export function SpaceTimeView() {
  const session = useSession();
  const nodes = useStore((s) => s.config.nodes);
  const inspecting = useStore((s) => s.playback.inspecting);
  const selected = useStore((s) => s.selection.messageId);
  const model = useRef<SpaceTime | null>(null);
  const [tick, setTick] = useState(0);
  const [span, setSpan] = useState(1000);
  /** The window's right edge when the user scrolled away from now; null follows the run. */
  const [end, setEnd] = useState<number | null>(null);
  const [width, setWidth] = useState(800);
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ g: Geometry; w: Window } | null>(null);

  useEffect(() => {
    const controller = session.controller;
    if (controller === null) return;
    const m = new SpaceTime(nodes);
    model.current = m;
    m.add(controller.trace());
    let frame = 0;
    const unsubscribe = controller.subscribe(({ snapshot }) => {
      m.add(snapshot.trace);
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setTick((n) => n + 1);
      });
    });
    setTick((n) => n + 1);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [session, nodes]);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.max(320, Math.floor(entry!.contentRect.width))),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const m = model.current;
  const now = m?.now ?? 0;
  const moment = inspecting ?? now;
  // Follow the run (or the moment looked at) unless scrolled away.
  const right = end ?? (inspecting === null ? Math.max(now, span) : inspecting + span / 2);
  const left = right - span;
  const height = heightOf(nodes);
  const g: Geometry = {
    width,
    nodes,
    from: left,
    to: right,
    now,
    moment,
    momentLabel: inspecting === null ? 'now' : 'shown',
    selected,
  };
  const shown = m?.window(left, right) ?? { arrows: [], bands: [], marks: [] };
  const chosen = selected === null ? undefined : m?.arrow(selected);
  const listed = shown.arrows.slice(-LISTED_MAX).reverse();

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick says when the model grew
  useEffect(() => {
    const c = canvas.current;
    if (c === null) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(width * ratio);
    c.height = Math.round(height * ratio);
    const ctx = c.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const palette = paletteOf(c);
    ctx.fillStyle = palette.background;
    ctx.fillRect(0, 0, width, height);
    paintSpaceTime(canvasPainter(ctx), shown, g, palette);
    drawn.current = { g, w: shown };
  }, [tick, width, height, left, right, selected, moment]);

  const shift = (by: number) => setEnd(Math.max(span, right + by));
  const saveSvg = () => {
    const c = canvas.current;
    if (c === null || m === null) return;
    const palette = paletteOf(c);
    const p = svgPainter();
    paintSpaceTime(p, shown, g, palette);
    download(
      p.svg(width, height, palette.background),
      'image/svg+xml',
      `raft-space-time-${Math.round(Math.max(0, left))}-${Math.round(right)}ms.svg`,
    );
  };
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const d = drawn.current;
    if (d === null) return;
    const r = e.currentTarget.getBoundingClientRect();
    const hit = arrowAt(d.w.arrows, d.g, e.clientX - r.left, e.clientY - r.top);
    if (hit !== null) selectMessage(hit.id);
  };
  const range = `${formatVirtualTime(Math.max(0, left))} – ${formatVirtualTime(right)}`;

  return (
    <div className="spacetime" ref={box}>
      <div className="spacetime-bar">
        <button type="button" onClick={() => shift(-span / 2)}>
          ← Earlier
        </button>
        <button type="button" onClick={() => shift(span / 2)} disabled={end === null}>
          Later →
        </button>
        <button type="button" onClick={() => setEnd(null)} disabled={end === null}>
          Follow the run
        </button>
        <label>
          Window{' '}
          <select value={span} onChange={(e) => setSpan(Number(e.target.value))}>
            {SPANS.map((s) => (
              <option key={s} value={s}>
                {formatVirtualTime(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={saveSvg}>
          Save as SVG
        </button>
        <span className="spacetime-range">{range}</span>
      </div>
      {/* Clicks pick the nearest arrow; keyboards use the list of messages below. */}
      <canvas
        ref={canvas}
        className="spacetime-canvas"
        style={{ width, height }}
        role="img"
        aria-label={`Space-time diagram from ${range}: ${shown.arrows.length} messages, ${shown.marks.filter((k) => k.kind === 'crash').length} crashes`}
        onClick={onClick}
      />
      <p className="spacetime-detail" aria-live="polite">
        {chosen === undefined
          ? 'Click an arrow to see the message it stands for.'
          : describeArrow(chosen)}
      </p>
      <details className="spacetime-list">
        <summary>Newest messages in the window ({listed.length})</summary>
        <ul aria-label="Messages in the window">
          {listed.map((a: Arrow) => (
            <li key={a.id}>
              <button
                type="button"
                aria-pressed={a.id === selected}
                onClick={() => selectMessage(a.id)}
              >
                {describeArrow(a)}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** The theme's colours as the canvas needs them (resolved, not CSS variables). */
function paletteOf(el: HTMLElement): Palette {
  const probe = document.createElement('span');
  el.parentElement!.appendChild(probe);
  const resolve = (value: string) => {
    probe.style.color = value;
    return getComputedStyle(probe).color;
  };
  const palette: Palette = {
    background: resolve('var(--panel)'),
    text: resolve('var(--text)'),
    muted: resolve('var(--muted)'),
    lane: resolve('var(--border)'),
    moment: '#d35400',
    crash: '#c0392b',
    restart: '#1e8449',
    family: {
      vote: resolve('var(--msg-vote)'),
      append: resolve('var(--msg-append)'),
      client: resolve('var(--msg-client)'),
      other: resolve('var(--msg-other)'),
    },
  };
  probe.remove();
  return palette;
}
