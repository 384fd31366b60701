// When the time budget runs out before every key is decided the verdict is 'unknown',
// never a guess; the clock is read between turns of the search, not every step.

import { describe, expect, it } from 'vitest';
import type { HistoryOp } from '../../kv/history';
import { readReferenceHistory } from './bench-reference';
import { checkLinearizability, partitionByKey } from './check';
import { kvModel } from './kv-model';
import { parsePorcupineKv } from './porcupine-format';
import { searchPartitions } from './search-partitions';

const c50ok = parsePorcupineKv(readReferenceHistory('c50-ok'));

const asOperations = (ops: HistoryOp[]) =>
  ops.map((op) => ({
    clientId: op.client,
    input: op,
    output: op.result ?? null,
    call: op.call,
    ret: op.ret ?? Number.POSITIVE_INFINITY,
  }));

describe('an exhausted time budget yields unknown', () => {
  it('budgetMs 0 on the largest reference history', () => {
    const result = checkLinearizability(c50ok, { budgetMs: 0 });
    expect(result.verdict).toBe('unknown');
    if (result.verdict === 'unknown') expect(result.message).toMatch(/0 ms budget/);
  });

  it('a deadline reached mid-search, after some keys were decided', () => {
    const partitions = [...partitionByKey(c50ok).values()].map(asOperations);
    let turns = 0;
    // Ten keys, 1,024 steps a turn: 30 rounds decide the easy keys, not the hard ones.
    const clock = { now: () => turns++, deadlineMs: 300 };
    const result = searchPartitions(partitions, kvModel, clock, 1024);
    expect(result.kind).toBe('timeout');
    if (result.kind === 'timeout') {
      expect(result.partitionsDecided).toBeGreaterThan(0);
      expect(result.partitionsDecided).toBeLessThan(partitions.length);
    }
  });

  it('the same search, given time, decides every key', () => {
    const partitions = [...partitionByKey(c50ok).values()].map(asOperations);
    const clock = { now: () => 0, deadlineMs: 1 };
    expect(searchPartitions(partitions, kvModel, clock, 64)).toEqual({ kind: 'ok' });
  });
});
