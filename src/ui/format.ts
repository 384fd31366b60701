/**
 * Short human text for log entries, commands and results, shared by the views. Commands
 * are written as the console reads them (its quoting rule), with long values shortened.
 */
import type { KvResult } from '../kv/types';
import { isSessionCommand, type KvCommand } from '../kv/types';
import { formatCommandLine, quoteWord } from './console/command-line';

const VALUE_CHARS_SHOWN = 40;

/** The command as a console line, values over 40 characters cut short with "…". */
export function formatKvCommand(c: KvCommand): string {
  switch (c.op) {
    case 'get':
    case 'del':
      return formatCommandLine(c);
    case 'set':
    case 'append':
      return formatCommandLine({ ...c, value: shorten(c.value) });
    case 'cas':
      return formatCommandLine({
        ...c,
        expected: c.expected === null ? null : shorten(c.expected),
        value: shorten(c.value),
      });
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

function shorten(s: string): string {
  return s.length > VALUE_CHARS_SHOWN ? `${s.slice(0, VALUE_CHARS_SHOWN - 3)}…` : s;
}

function quote(s: string): string {
  return quoteWord(shorten(s));
}
