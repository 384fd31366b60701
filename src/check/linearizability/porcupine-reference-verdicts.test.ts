// porcupine's recorded KV histories are an independent reference: our checker must give
// the verdict porcupine's own test suite asserts for each.

import { describe, expect, it } from 'vitest';
import { REFERENCE_HISTORIES, readReferenceHistory } from './bench-reference';
import { checkLinearizability } from './check';
import { parsePorcupineKv } from './porcupine-format';

describe('porcupine reference histories give their known verdicts', () => {
  for (const name of REFERENCE_HISTORIES) {
    const expected = name.endsWith('-ok') ? 'ok' : 'illegal';
    it(`${name} is ${expected}`, () => {
      const result = checkLinearizability(parsePorcupineKv(readReferenceHistory(name)));
      expect(result.verdict).toBe(expected);
      if (result.verdict === 'illegal') {
        expect(result.witness.unorderable.length).toBeGreaterThan(0);
        expect(result.message).toContain(`Key "${result.key}"`);
      }
    });
  }
});
