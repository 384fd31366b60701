// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actions } from '../actions';
import { SessionContext } from '../context';
import type { Session } from '../session';
import { initialState, useStore } from '../store/store';
import type { ClusterView } from '../store/types';
import { InvariantLight } from '../views/InvariantLight';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
const inspect = vi.fn();

function show(violations: string[]): void {
  const view = { mode: 'live', now: 2000, violations } as unknown as ClusterView;
  act(() => useStore.setState({ view }));
}

beforeEach(() => {
  useStore.setState(initialState());
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const session = { actions: { inspect } as unknown as Actions } as unknown as Session;
  act(() =>
    root.render(
      <SessionContext.Provider value={session}>
        <InvariantLight />
      </SessionContext.Provider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  inspect.mockReset();
});

describe('the invariant light', () => {
  it('says the invariants hold, in words and with a tick, as a polite status', () => {
    show([]);
    const status = host.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain('Invariants hold');
    expect(status.textContent).toContain('✓');
    expect(host.querySelector('button')).toBeNull();
  });

  it('names the first violation, counts the others, and jumps to its moment when clicked', () => {
    show([
      'election safety: two leaders in term 3 (event #812, t=1234.5 ms)',
      'log matching: entries differ (event #900, t=1300 ms)',
    ]);
    const button = host.querySelector('button')!;
    expect(button.textContent).toContain(
      'Invariant violated: election safety: two leaders in term 3',
    );
    expect(button.textContent).toContain('+1 more');
    expect(button.textContent).toContain('at 1234.5 ms');
    act(() => button.click());
    expect(inspect).toHaveBeenCalledWith(1234.5);
  });

  it('cannot jump when a violation names no moment', () => {
    show(['something odd']);
    const button = host.querySelector('button')!;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('something odd');
  });
});
