// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initialState, useStore } from '../store/store';
import type { ClusterView } from '../store/types';
import { type Mounted, mountWithActions } from '../test-mount';
import { InvariantLight } from '../views/InvariantLight';

let page: Mounted;
const inspect = vi.fn();

function show(violations: string[]): void {
  const view = { mode: 'live', now: 2000, violations } as unknown as ClusterView;
  act(() => useStore.setState({ view }));
}

beforeEach(() => {
  useStore.setState(initialState());
  page = mountWithActions(<InvariantLight />, { inspect });
});

afterEach(() => {
  page.unmount();
  inspect.mockReset();
});

describe('the invariant light', () => {
  it('says the invariants hold, in words and with a tick, as a polite status', () => {
    show([]);
    const status = page.host.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain('Invariants hold');
    expect(status.textContent).toContain('✓');
    expect(page.host.querySelector('button')).toBeNull();
  });

  it('names the first violation, counts the others, and jumps to its moment when clicked', () => {
    show([
      'election safety: two leaders in term 3 (event #812, t=1234.5 ms)',
      'log matching: entries differ (event #900, t=1300 ms)',
    ]);
    const button = page.host.querySelector('button')!;
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
    const button = page.host.querySelector('button')!;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain('something odd');
  });
});
