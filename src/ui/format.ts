/** Short human text for log entries, commands and results, shared by the views. */
import type { KvResult } from '../check/history';
import { isSessionCommand, type KvCommand } from '../kv/types';

/** A KV command as a console line (SET x 1); values longer than `valueCharsMax` are cut short. */
export function formatKvCommand(c: KvCommand, valueCharsMax = 40): string {
  const q = (s: string) => quote(s, valueCharsMax);
  switch (c.op) {
    case 'get':
      return `GET ${c.key}`;
    case 'set':
      return `SET ${c.key} ${q(c.value)}`;
    case 'cas':
      return `CAS ${c.key} ${c.expected === null ? '∅' : q(c.expected)} ${q(c.value)}`;
    case 'append':
      return `APPEND ${c.key} ${q(c.value)}`;
    case 'del':
      return `DEL ${c.key}`;
  }
}

/** What a log entry's command says: no-op, a client registration, a KV command, or JSON. */
export function formatCommand(command: unknown): string {
  if (command === null) return 'no-op';
  if (isSessionCommand(command)) {
    if (command.kind === 'register') return 'register client';
    return formatKvCommand(command.command);
  }
  const text = JSON.stringify(command);
  return text === undefined ? String(command) : text;
}

export function formatResult(op: string, r: KvResult | undefined): string {
  if (r === undefined) return '';
  if (op === 'get') return r.found ? quote(r.value ?? '') : 'not found';
  const prev = r.prevFound ? `was ${quote(r.prev ?? '')}` : 'was absent';
  if (op === 'cas') return `${r.swapped ? 'swapped' : 'not swapped'}, ${prev}`;
  return prev;
}

function quote(s: string, charsMax = 40): string {
  const short = s.length > charsMax ? `${s.slice(0, charsMax - 3)}…` : s;
  return /[\s"]/.test(short) || short === '' ? JSON.stringify(short) : short;
}
