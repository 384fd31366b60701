/**
 * A result in words, as the console and the history label it. A value read by GET is
 * always in quotes ("1"), so it cannot be mistaken for a status word; the rest is
 * formatResult's ("was absent", "swapped, was 1", "not found").
 */
import type { KvResult } from '../../kv/types';
import { formatResult } from '../format';

const VALUE_CHARS_SHOWN = 40;

export function kvResultText(op: string, r: KvResult | undefined): string {
  if (op === 'get' && r?.found === true) {
    const v = r.value ?? '';
    return JSON.stringify(
      v.length > VALUE_CHARS_SHOWN ? `${v.slice(0, VALUE_CHARS_SHOWN - 1)}…` : v,
    );
  }
  return formatResult(op, r);
}
