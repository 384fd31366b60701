/** Play/pause, step and speed: each reads one value from the store. */
import { useEffect, useState } from 'react';
import type { Speed } from '../../runtime/pacer';
import { useActions } from '../context';
import { useStore } from '../store/store';
import { describeSpeed, SPEED_STOPS, speedHint, speedToStop, stopToSpeed } from './speed-scale';

export function PlayPauseButton() {
  const paused = useStore((s) => s.playback.paused);
  const actions = useActions();
  return (
    <button
      type="button"
      className="time-button"
      aria-keyshortcuts="Space"
      title={paused ? 'Resume the cluster (Space)' : 'Pause the cluster (Space)'}
      onClick={() => actions.togglePause()}
      data-testid="play-pause"
    >
      <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span> {paused ? 'Play' : 'Pause'}
    </button>
  );
}

export function StepButton() {
  const actions = useActions();
  return (
    <button
      type="button"
      className="time-button"
      aria-keyshortcuts="."
      title="Run exactly one event, then stay paused (.)"
      onClick={() => actions.step()}
    >
      <span aria-hidden="true">▶❙</span> Step
    </button>
  );
}

/** A log-scale slider over labelled stops; the store's speed wins once the runtime took it. */
export function SpeedControl() {
  const speed = useStore((s) => s.playback.speed);
  const actions = useActions();
  // What the user just chose, shown until the runtime reports any new speed (a frame later).
  const [chosen, setChosen] = useState<{ speed: Speed; over: Speed } | null>(null);
  useEffect(() => {
    if (chosen !== null && chosen.over !== speed) setChosen(null);
  }, [chosen, speed]);
  const shown = chosen !== null && chosen.over === speed ? chosen.speed : speed;
  const stop = speedToStop(shown);
  return (
    <div className="speed-control">
      <label htmlFor="speed-slider">Speed</label>
      <input
        id="speed-slider"
        type="range"
        min={0}
        max={SPEED_STOPS.length - 1}
        step={1}
        value={stop}
        list="speed-stops"
        aria-valuetext={`${describeSpeed(shown)}: ${speedHint(shown)}`}
        title={`${describeSpeed(shown)}: ${speedHint(shown)}`}
        onChange={(e) => {
          const next = stopToSpeed(Number(e.currentTarget.value));
          setChosen({ speed: next, over: speed });
          actions.setSpeed(next);
        }}
      />
      <datalist id="speed-stops">
        {SPEED_STOPS.map((s, i) => (
          <option key={String(s)} value={i} label={s === 'max' ? 'max' : `×${s}`} />
        ))}
      </datalist>
      <span className="speed-readout" data-testid="speed-readout">
        {describeSpeed(shown)}
      </span>
    </div>
  );
}
