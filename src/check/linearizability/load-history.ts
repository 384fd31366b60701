// Turn the text of a history file into a validated history: a JSON array of HistoryOp,
// a JSON object `{ history: HistoryOp[] }`, or a porcupine KV `.txt` log.

import type { HistoryOp } from '../../kv/history';
import { parsePorcupineKv } from './porcupine-format';
import { HistoryError, validateHistory } from './validate';

// Porcupine logs are EDN maps, one per line: `{:process 0, ...}`.
const looksLikePorcupine = (text: string): boolean => /^\s*\{:/.test(text);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // One line: engines quote the offending text, newlines included.
    throw new HistoryError(`not valid JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`);
  }
}

export function loadHistory(text: string): HistoryOp[] {
  if (looksLikePorcupine(text)) return parsePorcupineKv(text);
  const data = parseJson(text);
  if (Array.isArray(data)) return validateHistory(data);
  if (typeof data === 'object' && data !== null && 'history' in data) {
    return validateHistory((data as { history: unknown }).history);
  }
  throw new HistoryError('expected a JSON array of operations or an object { "history": [...] }');
}
