// @vitest-environment happy-dom
/**
 * A verdict is about the answers it saw: an answer that comes back after a check began
 * is called out as not checked, and the automatic check runs again exactly once for it.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { initialState, useStore } from '../store/store';
import { type Mounted, mountWithActions } from '../test-mount';
import { HistoryView } from '../views/HistoryView';
import { AUTO_CHECK_DELAY } from './auto-check';
import { historySignature } from './signature';

const set = (call: number, ret: number | null): HistoryOp => ({
  client: 'c1',
  op: 'set',
  key: 'x',
  value: String(call),
  call,
  ret,
  outcome: ret === null ? 'unknown' : 'ok',
  ...(ret === null ? {} : { result: { prevFound: false } }),
});

let page: Mounted;
const checkHistory = vi.fn();

/** What the real action does, without a worker: marks what it covers and says ok. */
function check(): void {
  const { ops } = useStore.getState().history;
  useStore.setState((s) => ({
    history: {
      ...s.history,
      verdict: { status: 'ok' },
      checkedOps: ops.length,
      checkedSignature: historySignature(ops),
    },
  }));
}

function showOps(ops: HistoryOp[]): void {
  act(() => useStore.setState((s) => ({ history: { ...s.history, ops } })));
}

const text = () => page.host.querySelector('.hverdict-text')?.textContent;

beforeEach(() => {
  vi.useFakeTimers();
  checkHistory.mockReset().mockImplementation(check);
  useStore.setState(initialState());
  page = mountWithActions(<HistoryView />, { checkHistory });
});

afterEach(() => {
  page.unmount();
  vi.useRealTimers();
});

describe('the verdict covers the answers it saw', () => {
  it('says so when an answer came back after the check, and checks once more', () => {
    showOps([set(1, 2), set(3, null)]);
    act(() => vi.advanceTimersByTime(AUTO_CHECK_DELAY));
    expect(checkHistory).toHaveBeenCalledTimes(1);
    expect(text()).toBe('All 2 operations fit one order that explains every answer.');

    // The pending SET answers: same number of ops, one more answer.
    showOps([set(1, 2), set(3, 4)]);
    expect(text()).toBe(
      'All 2 operations fit one order that explains every answer. Answers that came back since are not checked yet.',
    );
    act(() => vi.advanceTimersByTime(AUTO_CHECK_DELAY));
    expect(checkHistory).toHaveBeenCalledTimes(2);
    expect(text()).toBe('All 2 operations fit one order that explains every answer.');

    // Nothing new: no more checks however long it waits.
    act(() => vi.advanceTimersByTime(10 * AUTO_CHECK_DELAY));
    expect(checkHistory).toHaveBeenCalledTimes(2);
  });

  it('waits for a running check, then checks only what is new', () => {
    checkHistory.mockImplementation(() =>
      useStore.setState((s) => ({
        history: {
          ...s.history,
          verdict: { status: 'checking' },
          checkedSignature: historySignature(s.history.ops),
        },
      })),
    );
    showOps([set(1, 2)]);
    act(() => vi.advanceTimersByTime(AUTO_CHECK_DELAY));
    expect(checkHistory).toHaveBeenCalledTimes(1);
    // The running check covers these ops: finishing it leaves nothing to check again.
    act(() => vi.advanceTimersByTime(AUTO_CHECK_DELAY));
    act(() => check());
    act(() => vi.advanceTimersByTime(10 * AUTO_CHECK_DELAY));
    expect(checkHistory).toHaveBeenCalledTimes(1);
  });
});
