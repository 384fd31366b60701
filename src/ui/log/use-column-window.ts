/**
 * The log grid's scroll state: which columns are visible (React state, changing only when a
 * column enters or leaves the window), whether the view follows the newest entries, and the
 * keyboard scrolling. Scroll events are coalesced to one measurement per animation frame.
 */
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import {
  type ColumnGeometry,
  type ColumnWindow,
  EMPTY_WINDOW,
  isAtEnd,
  sameWindow,
  scrollForKey,
  visibleColumns,
} from './virtual-columns';

/** Used before layout gives a width (and in DOM tests without layout). */
const FALLBACK_VIEWPORT_WIDTH = 600;

export interface ColumnWindowState {
  readonly ref: React.RefObject<HTMLElement | null>;
  readonly visible: ColumnWindow;
  /** Scrolled to the end: new entries scroll into view by themselves. */
  readonly following: boolean;
  readonly onScroll: () => void;
  readonly onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  readonly jumpToEnd: () => void;
}

function viewportWidth(el: HTMLElement): number {
  return el.clientWidth || FALLBACK_VIEWPORT_WIDTH;
}

export function useColumnWindow(columns: number, g: ColumnGeometry): ColumnWindowState {
  const ref = useRef<HTMLElement | null>(null);
  const [visible, setVisible] = useState<ColumnWindow>(EMPTY_WINDOW);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const columnsRef = useRef(columns);
  columnsRef.current = columns;
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = ref.current;
    if (el === null) return;
    const next = visibleColumns(el.scrollLeft, viewportWidth(el), columnsRef.current, g);
    setVisible((w) => (sameWindow(w, next) ? w : next));
  }, [g]);

  const setFollow = useCallback((value: boolean) => {
    if (followingRef.current === value) return;
    followingRef.current = value;
    setFollowing(value);
  }, []);

  const scrollToEnd = useCallback(() => {
    const el = ref.current;
    if (el !== null) el.scrollLeft = el.scrollWidth;
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = ref.current;
      if (el === null) return;
      setFollow(isAtEnd(el.scrollLeft, viewportWidth(el), el.scrollWidth, g));
      measure();
    });
  }, [g, measure, setFollow]);

  // New entries (or fewer): keep the end in view if following, and widen the window.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the column count changes
  useLayoutEffect(() => {
    if (followingRef.current) scrollToEnd();
    measure();
  }, [columns, measure, scrollToEnd]);

  useEffect(() => {
    const el = ref.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (followingRef.current) scrollToEnd();
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure, scrollToEnd]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const el = ref.current;
      if (el === null || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = scrollForKey(e.key, el.scrollLeft, viewportWidth(el), columnsRef.current, g);
      if (target === null) return;
      e.preventDefault();
      el.scrollLeft = target;
    },
    [g],
  );

  const jumpToEnd = useCallback(() => {
    setFollow(true);
    scrollToEnd();
    measure();
  }, [measure, scrollToEnd, setFollow]);

  return { ref, visible, following, onScroll, onKeyDown, jumpToEnd };
}
