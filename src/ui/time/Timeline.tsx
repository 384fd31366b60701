/**
 * The virtual clock, the timeline to scrub back through the run, and the "Looking at …"
 * banner with its way back to live. Positions follow the store through a subscription.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions } from '../context';
import { useStore } from '../store/store';
import type { StoreState } from '../store/types';
import { TEXT_UPDATE_MS, useFrameText } from './frame-text';
import { type Scrubber, timelineKeyTarget } from './scrub';
import { formatVirtualTime } from './speed-scale';

const clockText = (s: StoreState) => (s.view === null ? '—' : formatVirtualTime(s.view.now));

export function Clock() {
  const ref = useRef<HTMLSpanElement>(null);
  useFrameText(ref, clockText);
  return (
    <span className="clock" title="Virtual time of the moment shown">
      <span className="clock-label">t =</span>
      <span ref={ref} data-testid="virtual-time" />
    </span>
  );
}

export function Timeline({ scrubber }: { scrubber: Scrubber }) {
  const actions = useActions();
  const input = useRef<HTMLInputElement>(null);
  const newest = useRef(0);
  const dragging = useRef(false);

  useEffect(() => {
    const el = input.current;
    if (el === null) return;
    let written = 0;
    const sync = (s: StoreState, prev: StoreState | null) => {
      if (s.view?.mode === 'live') newest.current = s.view.now;
      // The slider creeps forward while live: a few moves a second are plenty.
      const now = performance.now();
      const steady = prev !== null && prev.playback === s.playback && s.view?.mode === 'live';
      if (steady && now - written < TEXT_UPDATE_MS) return;
      written = now;
      const max = String(newest.current);
      if (el.max !== max) el.max = max;
      const at = s.playback.inspecting ?? newest.current;
      // Compared as numbers: the slider writes a number back with fewer digits.
      if (!dragging.current && Number(el.value) !== at) el.value = String(at);
      const text =
        s.playback.inspecting === null
          ? `Live, ${formatVirtualTime(at)}`
          : `Looking at ${formatVirtualTime(at)} of ${formatVirtualTime(newest.current)}`;
      if (el.getAttribute('aria-valuetext') !== text) el.setAttribute('aria-valuetext', text);
      if (prev?.playback.inspectLoading === true && !s.playback.inspectLoading) scrubber.settled();
    };
    sync(useStore.getState(), null);
    return useStore.subscribe(sync);
  }, [scrubber]);

  const backToLive = () => {
    scrubber.cancel();
    actions.inspect(null);
    actions.resume();
  };

  return (
    <input
      ref={input}
      type="range"
      className="timeline"
      min={0}
      step="any"
      defaultValue={0}
      aria-label="Timeline: the moment to look at"
      title="Drag back to look at an earlier moment (arrows: 10 ms, Shift: 100 ms, End: live)"
      data-testid="timeline"
      onPointerDown={() => {
        dragging.current = true;
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      // Input, not change: the change a slider sends when it loses focus would ask again
      // for the moment shown (after "Back to live" was pressed, say).
      onInput={(e) => {
        const t = Number(e.currentTarget.value);
        if (Number.isFinite(t)) scrubber.request(Math.min(Math.max(0, t), newest.current));
      }}
      onKeyDown={(e) => {
        const at = useStore.getState().playback.inspecting ?? newest.current;
        const target = timelineKeyTarget(e.key, e.shiftKey, at, newest.current);
        if (target === null) return;
        e.preventDefault();
        if (target === 'live') backToLive();
        else scrubber.request(target);
      }}
    />
  );
}

/** Shown while looking at the past: which moment, and the way back. */
export function LiveBanner({ scrubber }: { scrubber: Scrubber }) {
  const [inspecting, loading] = useStore(
    useShallow((s) => [s.playback.inspecting, s.playback.inspectLoading] as const),
  );
  const actions = useActions();
  if (inspecting === null) return null;
  return (
    <div className="live-banner">
      <span className="looking-at" data-testid="looking-at">
        <span aria-hidden="true">◷ </span>Looking at {formatVirtualTime(inspecting)}
        {loading && <span className="replaying"> · replaying…</span>}
      </span>
      <button
        type="button"
        className="back-to-live"
        data-testid="back-to-live"
        onClick={() => {
          scrubber.cancel();
          actions.inspect(null);
          actions.resume();
        }}
      >
        Back to live
      </button>
    </div>
  );
}
