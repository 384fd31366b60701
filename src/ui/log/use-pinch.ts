/**
 * Pinch to zoom on a phone: two fingers on the element moving apart zoom in one step each
 * time their distance grows by PINCH_STEP, moving together zoom out. One finger still
 * scrolls (the browser keeps panning; CSS gives it `touch-action: pan-x pan-y`).
 */
import { type RefObject, useEffect, useRef } from 'react';

/** How much the distance between the fingers must change for one zoom step. */
const PINCH_STEP = 1.3;

function distance(points: Map<number, { x: number; y: number }>): number {
  const [a, b] = [...points.values()];
  return a === undefined || b === undefined ? 0 : Math.hypot(a.x - b.x, a.y - b.y);
}

export function usePinch(
  ref: RefObject<HTMLElement | null>,
  enabled: boolean,
  onZoom: (by: 1 | -1) => void,
): void {
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;
  useEffect(() => {
    const el = ref.current;
    if (el === null || !enabled) return;
    const points = new Map<number, { x: number; y: number }>();
    /** The distance at the last step, or 0 when fewer than two fingers are down. */
    let from = 0;
    const down = (e: PointerEvent) => {
      if (e.pointerType !== 'touch') return;
      points.set(e.pointerId, { x: e.clientX, y: e.clientY });
      from = points.size === 2 ? distance(points) : 0;
    };
    const move = (e: PointerEvent) => {
      if (!points.has(e.pointerId)) return;
      points.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (from === 0) return;
      const now = distance(points);
      if (now >= from * PINCH_STEP || now <= from / PINCH_STEP) {
        onZoomRef.current(now > from ? 1 : -1);
        from = now;
      }
    };
    const up = (e: PointerEvent) => {
      points.delete(e.pointerId);
      from = 0;
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
  }, [ref, enabled]);
}
