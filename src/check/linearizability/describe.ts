// Human-readable one-liners for operations, e.g. `client c3: APPEND x "y" -> prev "ab"`.

import type { HistoryOp } from '../../kv/history';
import type { KvResult } from '../../kv/types';

export type KvInput = Pick<HistoryOp, 'op' | 'key' | 'value' | 'expected'>;

const quote = (s: string): string => JSON.stringify(s);

// Plain keys read better bare; anything with spaces or quotes gets JSON quotes.
const showKey = (key: string): string => (/^[\w.:/-]+$/.test(key) ? key : quote(key));

const showOptional = (s: string | undefined): string => (s === undefined ? '?' : quote(s));

export function describeCall(input: KvInput): string {
  const key = showKey(input.key);
  switch (input.op) {
    case 'get':
      return `GET ${key}`;
    case 'del':
      return `DEL ${key}`;
    case 'set':
      return `SET ${key} ${showOptional(input.value)}`;
    case 'append':
      return `APPEND ${key} ${showOptional(input.value)}`;
    case 'cas': {
      const expected = input.expected === null ? 'absent' : showOptional(input.expected);
      return `CAS ${key} ${expected} -> ${showOptional(input.value)}`;
    }
  }
}

function describePrev(result: KvResult): string {
  if (result.prevFound === true) return `prev ${showOptional(result.prev)}`;
  if (result.prevFound === false) return 'no prev';
  return 'prev ?';
}

/** The answer part; `null` means the answer is unconstrained (not recorded / unknown). */
export function describeResult(input: KvInput, result: KvResult | null): string {
  if (result === null) return '(any result)';
  switch (input.op) {
    case 'get':
      if (result.found === true) return showOptional(result.value);
      return result.found === false ? 'not found' : '?';
    case 'cas': {
      const swapped =
        result.swapped === true
          ? 'swapped'
          : result.swapped === false
            ? 'not swapped'
            : 'swapped ?';
      return `${swapped}, ${describePrev(result)}`;
    }
    default:
      return describePrev(result);
  }
}

/** One line per operation; also says when the outcome is not `ok`. */
export function describeOperation(op: HistoryOp): string {
  const head = `client ${op.client}: ${describeCall(op)}`;
  if (op.outcome === 'fail') return `${head} -> failed`;
  if (op.outcome === 'unknown') return `${head} -> outcome unknown`;
  if (op.result === undefined) return `${head} -> (result not recorded)`;
  return `${head} -> ${describeResult(op, op.result)}`;
}
