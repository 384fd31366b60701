// Time the checker on the six porcupine reference histories (Node only: reads files).

import { readFileSync } from 'node:fs';
import { checkLinearizability } from './check';
import { parsePorcupineKv } from './porcupine-format';

export const REFERENCE_HISTORIES = [
  'c01-ok',
  'c01-bad',
  'c10-ok',
  'c10-bad',
  'c50-ok',
  'c50-bad',
] as const;

export type ReferenceName = (typeof REFERENCE_HISTORIES)[number];

export function readReferenceHistory(name: ReferenceName): string {
  return readFileSync(new URL(`../testdata/porcupine-kv/${name}.txt`, import.meta.url), 'utf8');
}

/** Parse each reference history, then time only the check. */
export function benchReferenceHistories(): Array<{
  name: string;
  ops: number;
  verdict: string;
  ms: number;
}> {
  return REFERENCE_HISTORIES.map((name) => {
    const history = parsePorcupineKv(readReferenceHistory(name));
    const start = performance.now();
    const { verdict } = checkLinearizability(history);
    const ms = performance.now() - start;
    return { name, ops: history.length, verdict, ms };
  });
}
