/** Checks KV histories for linearizability off the page's main thread. */

import { checkLinearizability } from '../check/linearizability/check';
import { toVerdict, type Verdict } from '../check/linearizability/verdict';
import type { HistoryOp } from '../kv/history';

export interface CheckRequest {
  readonly id: number;
  readonly ops: readonly HistoryOp[];
  readonly budgetMs: number;
}

export interface CheckReply {
  readonly id: number;
  readonly verdict: Verdict;
}

globalThis.addEventListener('message', (event: MessageEvent<CheckRequest>) => {
  const { id, ops, budgetMs } = event.data;
  let verdict: Verdict;
  try {
    verdict = toVerdict(checkLinearizability(ops.slice(), { budgetMs }), ops);
  } catch (e) {
    verdict = { status: 'unknown', message: e instanceof Error ? e.message : String(e) };
  }
  (globalThis as unknown as { postMessage(m: CheckReply): void }).postMessage({ id, verdict });
});
