/**
 * The log grid's scroll state: which columns are visible (React state, changing only when a
 * column enters or leaves the window), whether the view follows the newest entries, and the
 * keyboard scrolling.
 *
 * It reads and writes layout as little as it can (either makes the browser lay out the page
 * there and then): the viewport width comes from a ResizeObserver, called right after
 * layout, the content width from the column count, and the scroll position from the
 * scroll event. Following the newest entries writes the scroll position once a frame, in
 * an animation frame callback (where the browser lays out anyway), and the scroll event
 * that write causes is not read back.
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
  contentWidth,
  EMPTY_WINDOW,
  isAtEnd,
  maxScrollLeft,
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
  /** Kept up to date without reading layout (see the top of the file). */
  const scrollLeft = useRef(0);
  const viewport = useRef(FALLBACK_VIEWPORT_WIDTH);
  /** A scroll position to write in the next animation frame, or null. */
  const pendingScroll = useRef<number | null>(null);
  const scrollFrame = useRef(0);
  /** The scroll event of our own write is due: its position is known already. */
  const ownScroll = useRef(false);

  const measure = useCallback(() => {
    const next = visibleColumns(scrollLeft.current, viewport.current, columnsRef.current, g);
    setVisible((w) => (sameWindow(w, next) ? w : next));
  }, [g]);

  const setFollow = useCallback((value: boolean) => {
    if (followingRef.current === value) return;
    followingRef.current = value;
    setFollowing(value);
  }, []);

  const scrollToEnd = useCallback(() => {
    const end = maxScrollLeft(columnsRef.current, viewport.current, g);
    if (ref.current === null || end === scrollLeft.current) return;
    // The window is computed from where the view is about to be.
    scrollLeft.current = end;
    pendingScroll.current = end;
    if (scrollFrame.current !== 0) return;
    scrollFrame.current = requestAnimationFrame(() => {
      scrollFrame.current = 0;
      const el = ref.current;
      const target = pendingScroll.current;
      pendingScroll.current = null;
      if (el === null || target === null) return;
      el.scrollLeft = target;
      ownScroll.current = true;
      // Scroll events come before the next frame's callbacks: by then ours has come, if any.
      requestAnimationFrame(() => {
        ownScroll.current = false;
      });
    });
  }, [g]);

  useEffect(() => () => cancelAnimationFrame(scrollFrame.current), []);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el === null) return;
    if (ownScroll.current) {
      ownScroll.current = false;
      return;
    }
    scrollLeft.current = el.scrollLeft;
    const width = contentWidth(columnsRef.current, g);
    setFollow(isAtEnd(scrollLeft.current, viewport.current, width, g));
    measure();
  }, [g, measure, setFollow]);

  // A new zoom (column width): the same log index stays at the left edge. Runs before the
  // effect below, which then works from the new position (or keeps following the end).
  const lastColumnWidth = useRef(g.columnWidth);
  useLayoutEffect(() => {
    const before = lastColumnWidth.current;
    lastColumnWidth.current = g.columnWidth;
    const el = ref.current;
    if (before === g.columnWidth || el === null || followingRef.current) return;
    const end = maxScrollLeft(columnsRef.current, viewport.current, g);
    const target = Math.min(end, (scrollLeft.current * g.columnWidth) / before);
    scrollLeft.current = target;
    el.scrollLeft = target;
  }, [g]);

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
      // Layout has just been done: reading it here costs nothing.
      viewport.current = viewportWidth(el);
      if (pendingScroll.current === null) scrollLeft.current = el.scrollLeft;
      if (followingRef.current) scrollToEnd();
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure, scrollToEnd]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      const el = ref.current;
      if (el === null || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = scrollForKey(
        e.key,
        scrollLeft.current,
        viewport.current,
        columnsRef.current,
        g,
      );
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
