/**
 * The run narrated: the latest key moment in words (also read out by screen readers),
 * and, in free play, an option to pause at each new leader or replaced log entries,
 * which otherwise pass in a blink.
 */
import { useEffect, useRef, useState } from 'react';
import { useActions, useSession } from '../context';
import { type Moment, Narrator } from './moments';

export function KeyMoments({ canPause }: { canPause: boolean }) {
  const session = useSession();
  const actions = useActions();
  const [moment, setMoment] = useState<Moment | null>(null);
  const [pauseAtKey, setPauseAtKey] = useState(false);
  const pauseRef = useRef(pauseAtKey);
  pauseRef.current = pauseAtKey && canPause;

  useEffect(() => {
    const controller = session.controller;
    if (controller === null) return;
    const narrator = new Narrator();
    return controller.subscribe((frame) => {
      const moments = narrator.moments(frame.snapshot.trace);
      const last = moments.at(-1);
      if (last === undefined) return;
      setMoment(last);
      if (pauseRef.current && !frame.paused && moments.some((m) => m.key)) actions.pause();
    });
  }, [session, actions]);

  return (
    <section className="moments" aria-label="Key moments">
      <p className="moment" aria-live="polite">
        {moment === null ? 'Key moments of the run are told here.' : moment.text}
      </p>
      {canPause && (
        <label className="moment-pause">
          <input
            type="checkbox"
            checked={pauseAtKey}
            onChange={(e) => setPauseAtKey(e.target.checked)}
          />
          Pause at key moments
        </label>
      )}
    </section>
  );
}
