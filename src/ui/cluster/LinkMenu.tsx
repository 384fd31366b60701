/**
 * The menu a tap on a link opens: both directions of the link with their state, a button to
 * cut or heal each, and one for both ways. A link to a disconnected node cannot be changed
 * on its own; the menu offers to reconnect the node instead.
 */
import './menus.css';
import { useEffect } from 'react';
import { nodeName } from '../../util/node-name';
import { useActions } from '../context';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';
import { closeLinkMenu, useLinkMenu } from './link-menu';
import { type LaneState, laneState } from './links';

interface LinkFacts {
  readonly there: LaneState;
  readonly back: LaneState;
  /** The end that is disconnected from every node, if any. */
  readonly cutOff: number | null;
}

/** One string, so the menu re-renders only when what it shows changed. */
function factsKey(s: StoreState, a: number, b: number): string | null {
  const view = s.view;
  if (view === null || b >= view.nodes.length) return null;
  const size = view.nodes.length;
  const cutOff =
    view.network.connected[a] === false ? a : view.network.connected[b] === false ? b : -1;
  return `${laneState(view.network, size, a, b)} ${laneState(view.network, size, b, a)} ${cutOff}`;
}

function parseFacts(key: string): LinkFacts {
  const [there, back, cutOff] = key.split(' ') as [LaneState, LaneState, string];
  return { there, back, cutOff: cutOff === '-1' ? null : Number(cutOff) };
}

export function LinkMenu() {
  const pair = useLinkMenu((s) => s.pair);
  const nodeSelected = useStore((s) => s.selection.node !== null);
  const locked = useStore((s) => s.locked);
  const past = useStore((s) => s.view?.mode === 'inspect' || s.playback.inspecting !== null);
  const key = useStore((s) => (pair === null ? null : factsKey(s, pair[0], pair[1])));
  // One menu at a time: a node's menu replaces this one.
  useEffect(() => {
    if (nodeSelected) closeLinkMenu();
  }, [nodeSelected]);
  if (pair === null || key === null || locked || nodeSelected) return null;
  const [a, b] = pair;
  const facts = parseFacts(key);
  return (
    <section
      className="cluster-menu link-menu"
      aria-label={`Link between ${nodeName(a)} and ${nodeName(b)} menu`}
    >
      <div className="cluster-menu-head">
        <strong>
          {nodeName(a)} ⇄ {nodeName(b)}
        </strong>
        {facts.cutOff === null && <BothWays a={a} b={b} facts={facts} disabled={past} />}
        <button
          type="button"
          className="nd-close"
          aria-label="Close the link menu (Esc)"
          onClick={closeLinkMenu}
        >
          ×
        </button>
      </div>
      {facts.cutOff === null ? (
        <div className="link-menu-directions">
          <Direction from={a} to={b} state={facts.there} disabled={past} />
          <Direction from={b} to={a} state={facts.back} disabled={past} />
        </div>
      ) : (
        <CutOff node={facts.cutOff} disabled={past} />
      )}
      {past && <p className="nd-note">Viewing the past: go live to act.</p>}
    </section>
  );
}

/** Cuts both lanes when both are up, else heals both. */
function BothWays(props: { a: number; b: number; facts: LinkFacts; disabled: boolean }) {
  const { a, b, facts, disabled } = props;
  const actions = useActions();
  const up = !(facts.there === 'up' && facts.back === 'up');
  const setBoth = () => {
    actions.act({ type: 'setLink', from: a, to: b, up });
    actions.act({ type: 'setLink', from: b, to: a, up });
  };
  return (
    <button type="button" disabled={disabled} onClick={setBoth}>
      {up ? 'Heal both ways' : 'Cut both ways'}
    </button>
  );
}

function Direction(props: { from: number; to: number; state: LaneState; disabled: boolean }) {
  const { from, to, state, disabled } = props;
  const actions = useActions();
  const up = state === 'up';
  return (
    <div className="link-menu-row">
      <span>
        {nodeName(from)} → {nodeName(to)}: <strong>{up ? 'up' : 'cut'}</strong>
      </span>
      <button
        type="button"
        disabled={disabled}
        aria-label={`${up ? 'Cut' : 'Heal'} the link from ${nodeName(from)} to ${nodeName(to)}`}
        onClick={() => actions.act({ type: 'setLink', from, to, up: !up })}
      >
        {up ? 'Cut' : 'Heal'}
      </button>
    </div>
  );
}

function CutOff({ node, disabled }: { node: number; disabled: boolean }) {
  const actions = useActions();
  return (
    <div className="link-menu-row">
      <span>{nodeName(node)} is disconnected from every node.</span>
      <button
        type="button"
        disabled={disabled}
        onClick={() => actions.act({ type: 'reconnect', node })}
      >
        Reconnect {nodeName(node)}
      </button>
    </div>
  );
}
