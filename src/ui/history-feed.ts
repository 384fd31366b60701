/**
 * Rebuilds the KV history and the console's results from client call and return trace
 * events, as they arrive frame by frame. Pure: state in, state out.
 */
import type { HistoryOp } from '../check/history';
import type { TraceEvent } from '../sim/trace';
import { CONSOLE_ENTRIES_MAX, HISTORY_OPS_MAX } from './store/store';
import type { ConsoleEntry, HistoryState } from './store/types';

export interface ClientFeedState {
  readonly history: HistoryState;
  readonly console: readonly ConsoleEntry[];
}

export function applyClientEvents(
  state: ClientFeedState,
  events: readonly TraceEvent[],
): ClientFeedState {
  let ops: HistoryOp[] | null = null;
  let entries: ConsoleEntry[] | null = null;
  for (const e of events) {
    if (e.kind === 'client-call') {
      ops ??= state.history.ops.slice();
      const op: HistoryOp = {
        client: e.client,
        op: e.op,
        key: e.key,
        call: e.t,
        ret: null,
        outcome: 'unknown',
      };
      if (e.value !== undefined) op.value = e.value;
      if (e.expected !== undefined) op.expected = e.expected;
      ops.push(op);
    } else if (e.kind === 'client-return') {
      ops ??= state.history.ops.slice();
      closeOp(ops, e);
      entries ??= state.console.slice();
      settleConsole(entries, e);
    }
  }
  if (ops === null && entries === null) return state;
  const excess = ops === null ? 0 : Math.max(0, ops.length - HISTORY_OPS_MAX);
  const history =
    ops === null
      ? state.history
      : {
          ...state.history,
          ops: excess > 0 ? ops.slice(excess) : ops,
          dropped: state.history.dropped + excess,
        };
  return { history, console: entries ?? state.console };
}

function closeOp(ops: HistoryOp[], e: Extract<TraceEvent, { kind: 'client-return' }>): void {
  for (let i = ops.length - 1; i >= 0; i--) {
    const op = ops[i]!;
    if (
      op.client === e.client &&
      op.ret === null &&
      op.outcome === 'unknown' &&
      op.call === e.call
    ) {
      const closed: HistoryOp = {
        ...op,
        outcome: e.outcome,
        ret: e.outcome === 'unknown' ? null : e.t,
      };
      if (e.result !== undefined && e.outcome === 'ok') closed.result = e.result;
      ops[i] = closed;
      return;
    }
  }
}

/** The oldest pending console line of that client is the one that returned (one call at a time). */
function settleConsole(
  entries: ConsoleEntry[],
  e: Extract<TraceEvent, { kind: 'client-return' }>,
): void {
  const i = entries.findIndex((c) => c.client === e.client && c.status === 'pending');
  if (i === -1) return;
  entries[i] = {
    ...entries[i]!,
    status: e.outcome,
    latency: Math.round((e.t - e.call) * 1000) / 1000,
    attempts: e.attempts,
    ...(e.result === undefined ? {} : { result: e.result }),
    ...(e.error === undefined ? {} : { error: e.error }),
  };
}

export function addConsoleEntry(
  entries: readonly ConsoleEntry[],
  entry: ConsoleEntry,
): ConsoleEntry[] {
  const next = [...entries, entry];
  return next.length > CONSOLE_ENTRIES_MAX ? next.slice(-CONSOLE_ENTRIES_MAX) : next;
}
