/**
 * A set of tabs over one panel (WAI-ARIA tabs): only the chosen tab is a Tab stop; the
 * arrow keys, Home and End move to another tab and show it. Only the shown panel is
 * rendered, so a hidden view costs nothing.
 */
import { type KeyboardEvent, type ReactNode, useRef } from 'react';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
}

interface Props<T extends string> {
  readonly tabs: ReadonlyArray<TabSpec<T>>;
  readonly selected: T;
  readonly onSelect: (id: T) => void;
  /** The tablist's name. */
  readonly label: string;
  readonly className?: string;
  readonly children: ReactNode;
}

/** Where a key moves from tab `at` of `count`, or null when it is not a tab key. */
export function tabForKey(key: string, at: number, count: number): number | null {
  if (key === 'ArrowRight') return (at + 1) % count;
  if (key === 'ArrowLeft') return (at - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export function PanelTabs<T extends string>(props: Props<T>) {
  const { tabs, selected, onSelect, label, className = 'tabs', children } = props;
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const next = tabForKey(e.key, at, tabs.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(tabs[next]!.id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <>
      <div ref={list} role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={selected === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={selected === t.id ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`panel-${selected}`}
        aria-labelledby={`tab-${selected}`}
        className="tabpanel"
      >
        {children}
      </div>
    </>
  );
}
