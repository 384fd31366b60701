/** Buttons to zoom, fit everything, or follow the newest operations; and the legend. */
import { change, useHistoryUi } from './history-ui';
import { follow, zoom } from './viewport';

export function ZoomControls({ omitted }: { omitted: number }) {
  const mode = useHistoryUi((s) => s.viewport.mode);
  return (
    <div className="hzoom" role="toolbar" aria-label="Time axis">
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (or the mouse wheel over the plot)"
        onClick={() => change((v, o, n) => zoom(v, 0.5, 0.5, o, n))}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out"
        onClick={() => change((v, o, n) => zoom(v, 2, 0.5, o, n))}
      >
        −
      </button>
      <button
        type="button"
        aria-pressed={mode === 'all'}
        title="Show every operation (Home)"
        onClick={() => change(() => ({ mode: 'all' }))}
      >
        Fit all
      </button>
      <button
        type="button"
        aria-pressed={mode === 'follow'}
        title="Keep the newest operations in view at this zoom (End)"
        onClick={() => change(follow)}
      >
        Follow newest
      </button>
      {omitted > 0 && <span className="hzoom-hint">{omitted} older bars not drawn: zoom in</span>}
      <ul className="hlegend" aria-label="Legend">
        <Swatch kind="ok" text="ok" tip="returned: applied exactly once" />
        <Swatch kind="pending" text="pending" tip="waiting for an answer" />
        <Swatch
          kind="unknown"
          text="unknown"
          tip="no answer before the deadline: may take effect later, or never"
        />
        <Swatch kind="fail" text="failed" tip="not applied" />
        <Swatch
          kind="bad"
          text="unorderable"
          tip="the checker found no place for it in any order"
        />
      </ul>
    </div>
  );
}

/** A small bar drawn with the same classes as the chart's, so the legend matches it. */
function Swatch({ kind, text, tip }: { kind: string; text: string; tip: string }) {
  const cls = kind === 'bad' ? 'hbar hbar-ok hbar-bad' : `hbar hbar-${kind}`;
  return (
    <li title={tip}>
      <svg width="20" height="14" aria-hidden="true">
        <g className={cls}>
          <rect className="hbar-body" x="2" y="2" width="16" height="10" rx="2" />
          {kind === 'fail' && <line className="hbar-strike" x1="2" x2="18" y1="7" y2="7" />}
        </g>
      </svg>
      {text}
    </li>
  );
}
