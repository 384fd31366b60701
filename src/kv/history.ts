// The recorded client history of the KV store: what the linearizability checker reads.
// Plain JSON so a history can be saved, shared and checked offline.
import type { KvOpName, KvResult } from './types';

/**
 * One client call.
 * - `value`: the SET value, the APPEND suffix or the CAS new value.
 * - `expected`: the CAS expected value; `null` means "only if the key is absent".
 * - `call` / `ret`: virtual ms; `ret` is null when the outcome is unknown.
 * - `outcome`:
 *   - 'ok': applied exactly once between call and ret. If `result` is present the store
 *     answered exactly that; if `result` is absent the op was applied but its answer was
 *     not recorded, so any answer is accepted (used for histories from other tools).
 *   - 'fail': definitely never applied; the checker ignores it.
 *   - 'unknown': may have been applied once at any time after `call`, or never;
 *     its result (if any) is ignored.
 */
export interface HistoryOp {
  client: string;
  op: KvOpName;
  key: string;
  value?: string;
  expected?: string | null;
  call: number;
  ret: number | null;
  outcome: 'ok' | 'fail' | 'unknown';
  result?: KvResult;
}
