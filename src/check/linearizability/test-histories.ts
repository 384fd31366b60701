// Builders for hand-made histories in tests: `set('c1', 'x', '1', [0, 1], null)` is
// client c1 setting x to "1" between t=0 and t=1 and answering "no previous value".

import type { HistoryOp } from '../../kv/history';
import type { KvResult } from '../../kv/types';

type Span = [call: number, ret: number];

const prevResult = (prev: string | null): KvResult =>
  prev === null ? { prevFound: false } : { prevFound: true, prev };

const done = (
  client: string,
  fields: Pick<HistoryOp, 'op' | 'key' | 'value' | 'expected'>,
  [call, ret]: Span,
  result: KvResult,
): HistoryOp => ({ client, ...fields, call, ret, outcome: 'ok', result });

/** `value` null = answered "not found". */
export const get = (client: string, key: string, span: Span, value: string | null): HistoryOp =>
  done(
    client,
    { op: 'get', key },
    span,
    value === null ? { found: false } : { found: true, value },
  );

export const set = (
  client: string,
  key: string,
  value: string,
  span: Span,
  prev: string | null,
): HistoryOp => done(client, { op: 'set', key, value }, span, prevResult(prev));

export const append = (
  client: string,
  key: string,
  value: string,
  span: Span,
  prev: string | null,
): HistoryOp => done(client, { op: 'append', key, value }, span, prevResult(prev));

export const del = (client: string, key: string, span: Span, prev: string | null): HistoryOp =>
  done(client, { op: 'del', key }, span, prevResult(prev));

export const cas = (
  client: string,
  key: string,
  expected: string | null,
  value: string,
  span: Span,
  answer: { prev: string | null; swapped: boolean },
): HistoryOp =>
  done(client, { op: 'cas', key, expected, value }, span, {
    ...prevResult(answer.prev),
    swapped: answer.swapped,
  });

/** The same call, but the client never learned its outcome. */
export const unknown = (op: HistoryOp): HistoryOp => ({
  ...op,
  ret: null,
  outcome: 'unknown',
  result: undefined,
});

/** The same call, definitely rejected. */
export const failed = (op: HistoryOp): HistoryOp => ({ ...op, outcome: 'fail', result: undefined });

/** The same call, applied, but its answer was not recorded. */
export const unrecorded = (op: HistoryOp): HistoryOp => ({ ...op, result: undefined });
