/**
 * The top bar's time controls: play/pause, step, speed, the virtual clock, the timeline to
 * look back, and "Back to live". Compact (embedded) shows play/pause, step and the clock.
 */
import { useMemo } from 'react';
import { useActions } from '../context';
import { useStore } from '../store/store';
import { PlayPauseButton, SpeedControl, StepButton } from '../time/controls';
import { Scrubber } from '../time/scrub';
import { Clock, LiveBanner, Timeline } from '../time/Timeline';
import '../time/time.css';

export function TimeControls({ compact = false }: { compact?: boolean }) {
  const actions = useActions();
  // One scrubber for the timeline and the banner: at most one replay in flight.
  const scrubber = useMemo(
    () =>
      new Scrubber(
        (at) => actions.inspect(at),
        () => useStore.getState().playback.inspectLoading,
      ),
    [actions],
  );
  const locked = useStore((s) => s.locked);
  return (
    <fieldset className={compact ? 'time-controls compact' : 'time-controls'}>
      <legend className="visually-hidden">Time</legend>
      {!locked && <PlayPauseButton />}
      {!locked && <StepButton />}
      {!compact && <SpeedControl />}
      <Clock />
      {!compact && <Timeline scrubber={scrubber} />}
      <LiveBanner scrubber={scrubber} />
    </fieldset>
  );
}
