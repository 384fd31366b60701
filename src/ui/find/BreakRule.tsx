/**
 * The top bar's "Break a rule": pick one rule of Raft to switch off, then let the finder
 * search for a run that the checkers catch (it opens the shortest it finds), or run a
 * cluster of your own with the rule off. Your own cluster is never changed.
 */
import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { UNSAFE_SWITCH_NAMES, UNSAFE_SWITCHES, type UnsafeSwitch } from '../../raft/unsafe';
import { useSession } from '../context';
import { Dialog } from '../settings/Dialog';
import type { FailureFinder, FinderState } from './finder';
import './find.css';

export function BreakRuleButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Break a rule
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Break a rule of Raft"
        className="break-rule-dialog"
        testId="break-rule-dialog"
      >
        <BreakRulePanel />
      </Dialog>
    </>
  );
}

function useFinderState(finder: FailureFinder): FinderState {
  return useSyncExternalStore(
    (l) => finder.subscribe(l),
    () => finder.state,
  );
}

export function BreakRulePanel() {
  const finder = useSession().finder;
  const state = useFinderState(finder);
  const [chosen, setChosen] = useState<UnsafeSwitch>(UNSAFE_SWITCH_NAMES[0]!);
  const groupName = useId();
  const busy = state.phase === 'searching' || state.phase === 'shrinking';
  const runOff = () => {
    const url = new URL(window.location.href);
    url.search = `?unsafe=${chosen}`;
    url.hash = '';
    window.location.assign(url.toString());
  };
  return (
    <div className="break-rule">
      <p>
        Each switch takes away one rule of Raft. With it off, the cluster can lose data or answer
        wrongly, and the checkers (the invariant light, the History verdict) say so. Your own
        cluster is not touched: a run with a rule off is a cluster of its own.
      </p>
      <fieldset disabled={busy}>
        <legend>Rule to switch off</legend>
        {UNSAFE_SWITCH_NAMES.map((name) => {
          const s = UNSAFE_SWITCHES[name];
          return (
            <label key={name} className="switch-choice">
              <input
                type="radio"
                name={groupName}
                value={name}
                checked={chosen === name}
                onChange={() => setChosen(name)}
              />
              <span>
                <strong>{s.title}</strong> <span className="switch-section">({s.section})</span>
                <span className="switch-removes">Removes {s.removes}.</span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="break-rule-actions">
        {busy ? (
          <button type="button" onClick={() => finder.stop()}>
            Stop
          </button>
        ) : (
          <button type="button" onClick={() => finder.start(chosen)}>
            Find a failure
          </button>
        )}
        <button type="button" onClick={runOff} disabled={busy}>
          Run with this rule off
        </button>
      </div>
      <FinderProgress state={state} />
    </div>
  );
}

function FinderProgress({ state }: { readonly state: FinderState }) {
  const [now, setNow] = useState(() => performance.now());
  const busy = state.phase === 'searching' || state.phase === 'shrinking';
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [busy]);
  return (
    <p className="finder-progress" aria-live="polite" data-testid="finder-progress">
      {progressText(state, now)}
    </p>
  );
}

export function progressText(state: FinderState, now: number): string {
  switch (state.phase) {
    case 'idle':
      return '';
    case 'searching': {
      const elapsed = Math.max(0, now - state.startedAt) / 1000;
      const rate = elapsed > 0 ? state.tried / elapsed : 0;
      return `Searching with ${state.workers === 1 ? '1 worker' : `${state.workers} workers`}: ${schedules(state.tried)} tried, ${rate.toFixed(1)} a second, ${elapsed.toFixed(1)} s.`;
    }
    case 'shrinking': {
      const p = state.progress;
      const found = `Found a failing run (seed ${state.found.options.seed}, ${state.found.interventions.length} interventions).`;
      return p === null
        ? `${found} Shrinking it…`
        : `${found} Shrinking it: ${p.tests} replays so far, now ${p.interventions} interventions on ${p.nodes} nodes.`;
    }
    case 'done':
      return `Shrunk to ${state.run.interventions.length} interventions on ${state.run.options.nodes} nodes in ${(state.elapsedMs / 1000).toFixed(1)} s. Opening it…`;
    case 'none':
      return `No failing run in ${schedules(state.tried)} (${(state.elapsedMs / 1000).toFixed(1)} s). This rule may need faults the search does not try.`;
    case 'stopped':
      return `Stopped after ${schedules(state.tried)} (${(state.elapsedMs / 1000).toFixed(1)} s).`;
    case 'failed':
      return `The search stopped: ${state.message}.`;
  }
}

function schedules(n: number): string {
  return n === 1 ? '1 schedule' : `${n} schedules`;
}
