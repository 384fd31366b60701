/** What the shapes mean: node roles, message kinds, link states. Folded by default. */
import type { ReactNode } from 'react';
import { FLAP, SHAPES, SMALL_SQUARE } from './glyph-symbols';

function Sample({ children }: { children: ReactNode }) {
  return (
    <svg
      className="legend-sample"
      viewBox="-12 -12 24 24"
      width="22"
      height="22"
      aria-hidden="true"
    >
      {children}
    </svg>
  );
}

function Msg({
  family,
  d,
  hollow = false,
  mark = '',
  flap = false,
}: {
  family: string;
  d: string;
  hollow?: boolean;
  mark?: string;
  flap?: boolean;
}) {
  return (
    <Sample>
      <g className={`msg fam-${family}${hollow ? ' hollow' : ''}`}>
        <path className="glyph-shape" d={d} />
        {flap && <path className="glyph-flap" d={FLAP} />}
        {mark !== '' && (
          <text className="glyph-mark" y={3.5}>
            {mark}
          </text>
        )}
      </g>
    </Sample>
  );
}

const ITEMS: ReadonlyArray<readonly [ReactNode, string]> = [
  [<Msg key="rv" family="vote" d={SHAPES.diamond} />, 'RequestVote'],
  [<Msg key="rvy" family="vote" d={SHAPES.circle} mark="✓" />, 'vote granted'],
  [<Msg key="rvn" family="vote" d={SHAPES.circle} hollow mark="✗" />, 'vote denied'],
  [
    <Msg key="pv" family="vote" d={SHAPES.diamond} hollow mark="P" />,
    'PreVote (asks, term unchanged)',
  ],
  [
    <Msg key="pvy" family="vote" d={SHAPES.circle} mark="P" />,
    'pre-vote granted (hollow: refused)',
  ],
  [<Msg key="tn" family="vote" d={SHAPES.diamond} mark="!" />, 'TimeoutNow (leadership transfer)'],
  [<Msg key="ae" family="append" d={SHAPES.square} flap />, 'AppendEntries with entries'],
  [<Msg key="hb" family="append" d={SMALL_SQUARE} hollow />, 'heartbeat (no entries)'],
  [<Msg key="aey" family="append" d={SHAPES.circle} mark="✓" />, 'append accepted'],
  [<Msg key="aen" family="append" d={SHAPES.circle} hollow mark="✗" />, 'append rejected'],
  [<Msg key="cr" family="client" d={SHAPES.triangle} />, 'client request'],
  [<Msg key="cy" family="client" d={SHAPES.circle} mark="✓" />, 'client reply'],
  [
    <Sample key="up">
      <line className="legend-wire up" x1={-11} y1={0} x2={11} y2={0} />
    </Sample>,
    'link up',
  ],
  [
    <Sample key="down">
      <line className="legend-wire down" x1={-11} y1={0} x2={11} y2={0} />
      <path className="legend-cut" d="M-4,-4L4,4M-4,4L4,-4" />
    </Sample>,
    'link cut (one direction)',
  ],
];

const ROLES: ReadonlyArray<readonly [string, string]> = [
  ['F', 'follower: plain circle'],
  ['C', 'candidate: dashed ring, vote dots'],
  ['L', 'leader: double ring and crown'],
  ['✕', 'crashed: grey, struck, term on disk'],
];

export function Legend() {
  return (
    <details className="cluster-legend">
      <summary>Legend</summary>
      <div className="legend-body">
        <ul className="legend-roles">
          {ROLES.map(([letter, text]) => (
            <li key={letter}>
              <span className="legend-badge" aria-hidden="true">
                {letter}
              </span>
              {text}
            </li>
          ))}
          <li>
            <span className="legend-badge ring" aria-hidden="true" />
            ring: time left before the election timer (leader: heartbeat) fires
          </li>
          <li>fill colour and number: the term</li>
        </ul>
        <ul className="legend-items">
          {ITEMS.map(([sample, text]) => (
            <li key={text}>
              {sample}
              {text}
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
