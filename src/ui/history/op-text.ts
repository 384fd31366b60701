/** Words for one history operation: its bar label and its tooltip. */
import type { HistoryOp } from '../../kv/history';
import type { KvCommand } from '../../kv/types';
import { kvResultText } from '../console/result-text';
import { formatKvCommand } from '../format';

export type BarKind = 'ok' | 'fail' | 'unknown' | 'pending';

export function opCommand(op: HistoryOp): KvCommand {
  switch (op.op) {
    case 'get':
    case 'del':
      return { op: op.op, key: op.key };
    case 'set':
    case 'append':
      return { op: op.op, key: op.key, value: op.value ?? '' };
    case 'cas':
      return { op: 'cas', key: op.key, expected: op.expected ?? null, value: op.value ?? '' };
  }
}

export function outcomeText(op: HistoryOp, kind: BarKind): string {
  switch (kind) {
    case 'ok':
      return op.result === undefined ? 'ok' : kvResultText(op.op, op.result);
    case 'fail':
      return 'failed (not applied)';
    case 'unknown':
      return 'unknown outcome';
    case 'pending':
      return 'pending…';
  }
}

/** "SET x 1 → was absent" */
export function opLabel(op: HistoryOp, kind: BarKind): string {
  return `${formatKvCommand(opCommand(op))} → ${outcomeText(op, kind)}`;
}

function ms(t: number): string {
  return `${Math.round(t * 10) / 10} ms`;
}

/** Lines of the tooltip, first line the label. */
export function opDetails(op: HistoryOp, kind: BarKind, unorderable: boolean): string[] {
  const lines = [`${op.client}: ${opLabel(op, kind)}`, `called at ${ms(op.call)}`];
  if (op.ret !== null) lines.push(`returned at ${ms(op.ret)} (took ${ms(op.ret - op.call)})`);
  if (kind === 'unknown') {
    lines.push('no answer before the deadline: it may take effect at any later time, or never');
  }
  if (kind === 'pending') lines.push('waiting for the cluster to commit and answer');
  if (kind === 'fail') lines.push('the cluster said it was not applied');
  if (unorderable) lines.push('⚠ cannot be ordered with the others on this key');
  return lines;
}
