/**
 * The space-time view: a Lamport diagram of the run. One lane per node along virtual
 * time, its term as a coloured band (crashed: a dashed gap), messages as arrows between
 * lanes coloured by kind, crash, restart and commit marks, and a line at the moment the
 * page shows. Only the window on screen is drawn, so a long run stays smooth. A click on
 * an arrow selects that message (in the ring too, while it flies) and says what it was.
 */
import { useEffect, useRef, useState } from 'react';
import { nodeName } from '../../util/node-name';
import { termColor } from '../colors';
import { useSession } from '../context';
import { download } from '../download';
import { standaloneSvg } from '../export/picture';
import { selectMessage, useStore } from '../store/store';
import { formatVirtualTime } from '../time/speed-scale';
import { type Arrow, SpaceTime } from './model';
import './spacetime.css';

const LANE = 40;
const TOP = 22;
const LEFT = 44;
const SPANS = [100, 200, 500, 1000, 2000, 5000, 10_000, 30_000];

export function SpaceTimeView() {
  const session = useSession();
  const nodes = useStore((s) => s.config.nodes);
  const inspecting = useStore((s) => s.playback.inspecting);
  const selected = useStore((s) => s.selection.messageId);
  const model = useRef<SpaceTime | null>(null);
  const [, setTick] = useState(0);
  const [span, setSpan] = useState(1000);
  /** The window's right edge when the user scrolled away from now; null follows the run. */
  const [end, setEnd] = useState<number | null>(null);
  const [width, setWidth] = useState(800);
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);

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
  const x = (t: number) => LEFT + ((t - left) / span) * (width - LEFT - 8);
  const y = (node: number) => TOP + node * LANE + LANE / 2;
  const height = TOP + nodes * LANE + 8;
  const shown = m?.window(left, right) ?? { arrows: [], bands: [], marks: [] };
  const chosen = selected === null ? undefined : m?.arrow(selected);

  const shift = (by: number) => setEnd(Math.max(span, right + by));
  const saveSvg = () => {
    if (svg.current !== null)
      download(
        standaloneSvg(svg.current),
        'image/svg+xml',
        `raft-space-time-${Math.round(left)}-${Math.round(right)}ms.svg`,
      );
  };

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
        <span className="spacetime-range">
          {formatVirtualTime(Math.max(0, left))} – {formatVirtualTime(right)}
        </span>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing, not a form */}
      <svg
        ref={svg}
        className="spacetime-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`Space-time diagram from ${formatVirtualTime(Math.max(0, left))} to ${formatVirtualTime(right)}: ${shown.arrows.length} messages`}
      >
        <defs>
          {(['vote', 'append', 'client', 'other'] as const).map((f) => (
            <marker
              key={f}
              id={`st-head-${f}`}
              viewBox="0 0 8 8"
              refX="7"
              refY="4"
              markerWidth="5"
              markerHeight="5"
              orient="auto-start-reverse"
            >
              <path d="M0,0L8,4L0,8Z" className={`st-fam-${f}`} />
            </marker>
          ))}
        </defs>
        {Array.from({ length: nodes }, (_, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one lane per node, fixed
          <g key={n} className="st-lane">
            <text x={4} y={y(n) + 4} className="st-name">
              {nodeName(n)}
            </text>
            <line x1={LEFT} x2={width - 8} y1={y(n)} y2={y(n)} className="st-axis" />
          </g>
        ))}
        {shown.bands.map((b) => {
          const x0 = Math.max(LEFT, x(b.from));
          const x1 = Math.min(width - 8, x(b.to ?? now));
          if (x1 <= x0) return null;
          return b.role === 'crashed' ? (
            <line
              key={`${b.node}-${b.from}`}
              x1={x0}
              x2={x1}
              y1={y(b.node)}
              y2={y(b.node)}
              className="st-crashed"
            />
          ) : (
            <g key={`${b.node}-${b.from}`}>
              <rect
                x={x0}
                y={y(b.node) - (b.role === 'leader' ? 7 : 4)}
                width={x1 - x0}
                height={b.role === 'leader' ? 14 : 8}
                rx={3}
                fill={termColor(b.term)}
                className={`st-band st-${b.role}`}
              />
              {x1 - x0 > 34 && (
                <text x={x0 + 3} y={y(b.node) - 10} className="st-term">
                  {b.role === 'leader' ? `leader, t${b.term}` : `t${b.term}`}
                </text>
              )}
            </g>
          );
        })}
        {shown.arrows.map((a) => (
          <ArrowLine key={a.id} a={a} now={now} x={x} y={y} selected={a.id === selected} />
        ))}
        {shown.marks.map((mk) => (
          <g key={`${mk.kind}-${mk.node}-${mk.t}`} className={`st-mark st-${mk.kind}`}>
            {mk.kind === 'commit' ? (
              <>
                <line x1={x(mk.t)} x2={x(mk.t)} y1={y(mk.node) + 6} y2={y(mk.node) + 13} />
                <text x={x(mk.t) + 2} y={y(mk.node) + 18}>
                  c{mk.index}
                </text>
              </>
            ) : (
              <text x={x(mk.t)} y={y(mk.node) + 5} textAnchor="middle">
                {mk.kind === 'crash' ? '✕' : '↻'}
                <title>{`${nodeName(mk.node)} ${mk.kind === 'crash' ? 'crashed' : 'restarted'} at ${formatVirtualTime(mk.t)}`}</title>
              </text>
            )}
          </g>
        ))}
        {moment >= left && moment <= right && (
          <g className="st-now">
            <line x1={x(moment)} x2={x(moment)} y1={TOP - 6} y2={height - 4} />
            <text x={x(moment) + 3} y={TOP - 8}>
              {inspecting === null ? 'now' : 'shown'} {formatVirtualTime(moment)}
            </text>
          </g>
        )}
      </svg>
      <p className="spacetime-detail" aria-live="polite">
        {chosen === undefined
          ? 'Click an arrow to see the message it stands for.'
          : describeArrow(chosen)}
      </p>
    </div>
  );
}

function ArrowLine({
  a,
  now,
  x,
  y,
  selected,
}: {
  a: Arrow;
  now: number;
  x: (t: number) => number;
  y: (n: number) => number;
  selected: boolean;
}) {
  // In flight: as far as it has come; lost: stopped where it was lost, with a cross.
  const end = a.endAt ?? now;
  const whole = Math.max(a.deliverAt - a.sentAt, 1e-9);
  const part =
    a.endAt !== null && !a.lost ? 1 : Math.min(1, Math.max(0.15, (end - a.sentAt) / whole));
  const x1 = x(a.sentAt);
  const y1 = y(a.from);
  const x2 = x(a.sentAt + (a.deliverAt - a.sentAt) * part);
  const y2 = y1 + (y(a.to) - y1) * part;
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG drawing has no <button> element
    <g
      className={`st-arrow st-fam-${a.family}${a.lost ? ' st-lost' : ''}${a.endAt === null ? ' st-flying' : ''}${selected ? ' st-selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={describeArrow(a)}
      onClick={() => selectMessage(a.id)}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        selectMessage(a.id);
      }}
    >
      <line x1={x1} y1={y1} x2={x2} y2={y2} className="st-hit" />
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        className="st-shaft"
        markerEnd={a.lost ? undefined : `url(#st-head-${a.family})`}
      />
      {a.lost && (
        <text x={x2} y={y2 + 4} textAnchor="middle" className="st-lost-mark">
          ✗
        </text>
      )}
    </g>
  );
}

function describeArrow(a: Arrow): string {
  const what = a.kind === a.type ? a.type : `${a.type} (${a.kind})`;
  const fate =
    a.endAt === null
      ? 'still in flight'
      : a.lost
        ? `lost at ${formatVirtualTime(a.endAt)}`
        : `delivered at ${formatVirtualTime(a.endAt)}`;
  return `#${a.id} ${what}, ${nodeName(a.from)} → ${nodeName(a.to)}, term ${a.term}: sent at ${formatVirtualTime(a.sentAt)}, ${fate}.`;
}
