// Convert porcupine's recorded KV histories (Jepsen-style EDN, one event per line) into
// our HistoryOp format. Line order is the only clock, so the line number is the time.
//
// Porcupine's KV model starts every key as "" and records only what `get` returned;
// `put`/`append` answers are not recorded. So:
// - `get` -> "" becomes { found: false } (the reference files never write "", so ""
//   always means "never written"), any other value { found: true, value };
// - `put` becomes `set`; `put` and `append` get no `result` (applied, answer unrecorded);
// - `:fail` -> outcome 'fail'; `:info` or no completion -> 'unknown' (Jepsen's meaning).

import type { HistoryOp } from '../../kv/history';
import type { KvOpName } from '../../kv/types';
import { HistoryError } from './validate';

const LINE =
  /^\{:process (\d+), :type :(invoke|ok|fail|info), :f :(\w+), :key "((?:[^"\\]|\\.)*)", :value (nil|"(?:[^"\\]|\\.)*")\}$/;

const OPS: Record<string, KvOpName> = { get: 'get', put: 'set', append: 'append' };

interface Event {
  process: string;
  type: string;
  f: string;
  key: string;
  value: string | null;
}

function parseLine(line: string, lineNo: number): Event {
  const m = LINE.exec(line);
  if (m === null) throw new HistoryError(`line ${lineNo}: not a porcupine KV event: ${line}`);
  const [, process, type, f, key, value] = m;
  if (!(f in OPS)) throw new HistoryError(`line ${lineNo}: unknown operation :${f}`);
  // EDN string escapes used by these files are a subset of JSON's.
  return {
    process,
    type,
    f,
    key: JSON.parse(`"${key}"`),
    value: value === 'nil' ? null : JSON.parse(value),
  };
}

function invokedOp(ev: Event, time: number): HistoryOp {
  const op: HistoryOp = {
    client: ev.process,
    op: OPS[ev.f],
    key: ev.key,
    call: time,
    ret: null,
    outcome: 'unknown',
  };
  if (ev.f !== 'get') op.value = ev.value ?? '';
  return op;
}

function complete(op: HistoryOp, ev: Event, time: number): void {
  if (ev.type === 'info') return; // stays unknown
  op.ret = time;
  op.outcome = ev.type === 'ok' ? 'ok' : 'fail';
  if (op.outcome === 'ok' && op.op === 'get') {
    op.result = ev.value ? { found: true, value: ev.value } : { found: false };
  }
}

export function parsePorcupineKv(text: string): HistoryOp[] {
  const history: HistoryOp[] = [];
  const pending = new Map<string, HistoryOp>(); // by process
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const ev = parseLine(line, index + 1);
    if (ev.type === 'invoke') {
      if (pending.has(ev.process)) {
        throw new HistoryError(`line ${index + 1}: process ${ev.process} invoked twice`);
      }
      const op = invokedOp(ev, index);
      pending.set(ev.process, op);
      history.push(op);
      return;
    }
    const op = pending.get(ev.process);
    if (op === undefined) {
      throw new HistoryError(`line ${index + 1}: process ${ev.process} completes nothing`);
    }
    complete(op, ev, index);
    pending.delete(ev.process);
  });
  return history;
}

const PORCUPINE_OPS: Partial<Record<KvOpName, string>> = {
  get: 'get',
  set: 'put',
  append: 'append',
};

/**
 * A history in porcupine's KV log format, so porcupine can check it too: one line per
 * call and per completion, in time order (calls before returns at the same instant, as
 * our checker orders them). An op whose outcome is unknown completes as :info just before
 * its client's next call, or at the end. Porcupine's model has no CAS or DEL: a history
 * with either is refused rather than checked without them.
 */
export function formatPorcupineKv(history: readonly HistoryOp[]): string {
  const other = history.find((op) => PORCUPINE_OPS[op.op] === undefined);
  if (other !== undefined)
    throw new HistoryError(
      `porcupine's KV model has only GET, SET (put) and APPEND: this history has ${other.op.toUpperCase()}`,
    );
  const process = new Map<string, number>();
  const lines: Array<{ t: number; order: number; seq: number; text: string }> = [];
  const nextCall = new Map<HistoryOp, number>();
  const last = new Map<string, HistoryOp>();
  for (const op of [...history].sort((a, b) => a.call - b.call)) {
    const before = last.get(op.client);
    if (before !== undefined) nextCall.set(before, op.call);
    last.set(op.client, op);
  }
  const edn = (p: number, type: string, op: HistoryOp, value: string | null) =>
    `{:process ${p}, :type :${type}, :f :${PORCUPINE_OPS[op.op]}, :key ${JSON.stringify(op.key)}, :value ${value === null ? 'nil' : JSON.stringify(value)}}`;
  history.forEach((op, seq) => {
    if (!process.has(op.client)) process.set(op.client, process.size);
    const p = process.get(op.client)!;
    const written = op.op === 'get' ? null : (op.value ?? '');
    lines.push({ t: op.call, order: 1, seq, text: edn(p, 'invoke', op, written) });
    if (op.outcome === 'unknown' || op.ret === null) {
      const t = nextCall.get(op) ?? Number.POSITIVE_INFINITY;
      lines.push({ t, order: 0, seq, text: edn(p, 'info', op, written) });
      return;
    }
    const answer = op.op !== 'get' ? written : op.result?.found ? (op.result.value ?? '') : '';
    lines.push({ t: op.ret, order: 2, seq, text: edn(p, op.outcome, op, answer) });
  });
  lines.sort((a, b) => a.t - b.t || a.order - b.order || a.seq - b.seq);
  return `${lines.map((l) => l.text).join('\n')}\n`;
}
