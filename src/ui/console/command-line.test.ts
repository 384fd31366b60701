import { describe, expect, test } from 'vitest';
import { KEY_BYTES_MAX, VALUE_BYTES_MAX } from '../../kv/limits';
import type { KvCommand } from '../../kv/types';
import { Rng } from '../../util/rng';
import { formatCommand, formatKvCommand } from '../format';
import { formatCommandLine, LINE_CHARS_MAX, parseCommandLine, quoteWord } from './command-line';

describe('a valid command line becomes a KV command', () => {
  const cases: ReadonlyArray<readonly [string, KvCommand]> = [
    ['SET x 1', { op: 'set', key: 'x', value: '1' }],
    ['GET x', { op: 'get', key: 'x' }],
    ['CAS x 1 2', { op: 'cas', key: 'x', expected: '1', value: '2' }],
    ['CAS x - 2', { op: 'cas', key: 'x', expected: null, value: '2' }],
    ['CAS x ∅ 2', { op: 'cas', key: 'x', expected: null, value: '2' }],
    ['CAS x "-" 2', { op: 'cas', key: 'x', expected: '-', value: '2' }],
    ['APPEND x y', { op: 'append', key: 'x', value: 'y' }],
    ['DEL x', { op: 'del', key: 'x' }],
    ['set x 1', { op: 'set', key: 'x', value: '1' }],
    ['Get X', { op: 'get', key: 'X' }],
    ['  SET   x    1  ', { op: 'set', key: 'x', value: '1' }],
    ['SET greeting "hello world"', { op: 'set', key: 'greeting', value: 'hello world' }],
    ["SET greeting 'hello world'", { op: 'set', key: 'greeting', value: 'hello world' }],
    ['SET "my key" v', { op: 'set', key: 'my key', value: 'v' }],
    ['SET x ""', { op: 'set', key: 'x', value: '' }],
    ['SET x "say \\"hi\\""', { op: 'set', key: 'x', value: 'say "hi"' }],
    ['SET x "a\\\\b"', { op: 'set', key: 'x', value: 'a\\b' }],
    ["SET x don't", { op: 'set', key: 'x', value: "don't" }],
    ['APPEND log " more"', { op: 'append', key: 'log', value: ' more' }],
    ['SET ключ значение', { op: 'set', key: 'ключ', value: 'значение' }],
  ];
  test.each(cases)('%s', (line, command) => {
    expect(parseCommandLine(line)).toEqual({ ok: true, command });
  });
});

describe('a bad command line gives a clear error, never an exception', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['', 'type a command, e.g. SET x 1'],
    ['   ', 'type a command, e.g. SET x 1'],
    ['FROB x', 'unknown command FROB: use GET, SET, CAS, APPEND or DEL'],
    ['frob x', 'unknown command FROB: use GET, SET, CAS, APPEND or DEL'],
    ['"SET" x 1', 'unknown command SET: use GET, SET, CAS, APPEND or DEL'],
    ['GET', 'GET needs a key: GET x'],
    ['SET x', 'SET needs a key and a value: SET x 1'],
    ['SET', 'SET needs a key and a value: SET x 1'],
    ['CAS x 1', 'CAS needs a key, the expected value and the new value'],
    ['APPEND x', 'APPEND needs a key and the text to add: APPEND x y'],
    ['DEL', 'DEL needs a key: DEL x'],
    ['SET x hello world', 'SET takes a key and one value; put a value with spaces in quotes'],
    ['APPEND x a b', 'APPEND takes a key and one value'],
    ['GET x y', 'GET takes only a key'],
    ['DEL x y', 'DEL takes only a key'],
    ['CAS x 1 2 3', 'CAS takes a key, the expected value and the new value; put values'],
    ['SET x "hello', 'unterminated quote: add the closing "'],
    ["SET x 'hello", "unterminated quote: add the closing '"],
    ['SET x "a"b', 'put a space after the closing "'],
    ['SET "" 1', 'the key must be a non-empty string'],
    [`SET ${'k'.repeat(KEY_BYTES_MAX + 1)} 1`, `the key is longer than ${KEY_BYTES_MAX} bytes`],
    [`SET x ${'v'.repeat(VALUE_BYTES_MAX + 1)}`, 'the value is longer than 65536 bytes (64 KiB)'],
    [`CAS x ${'v'.repeat(VALUE_BYTES_MAX + 1)} 2`, 'the expected value is longer than 65536 bytes'],
    [`SET x ${'v'.repeat(LINE_CHARS_MAX)}`, 'the line is too long'],
  ];
  test.each(cases)('%s', (line, error) => {
    const parsed = parseCommandLine(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  test('a long unknown command is shortened in the message', () => {
    const parsed = parseCommandLine(`${'x'.repeat(100)} 1`);
    expect(parsed).toEqual({
      ok: false,
      error: `unknown command ${'X'.repeat(20)}…: use GET, SET, CAS, APPEND or DEL`,
    });
  });
});

describe('formatting is the inverse of parsing: one quoting rule for the console and the views', () => {
  const words = [
    'a b',
    ' lead',
    'trail ',
    'say "hi"',
    '"quoted"',
    "'single'",
    "don't",
    'a\\b',
    'ends with \\',
    '\\"',
    'tab\there',
    'new\nline',
    '-',
    '∅',
    'ключ значение',
  ];
  const commands: KvCommand[] = words.flatMap((w): KvCommand[] => [
    { op: 'get', key: w },
    { op: 'set', key: w, value: w },
    { op: 'set', key: 'x', value: '' },
    { op: 'cas', key: w, expected: w, value: w },
    { op: 'cas', key: w, expected: '', value: '' },
    { op: 'cas', key: w, expected: null, value: w },
    { op: 'append', key: w, value: w },
    { op: 'del', key: w },
  ]);

  test.each(commands.map((c) => [formatCommandLine(c), c] as const))('%s', (line, command) => {
    expect(parseCommandLine(line)).toEqual({ ok: true, command });
  });

  test('random keys and values of spaces, quotes, backslashes and markers round-trip', () => {
    const rng = new Rng(2024);
    const alphabet = ['a', ' ', '"', "'", '\\', '-', '∅', '\n', 'é', '😀'];
    const word = (min: number) =>
      Array.from({ length: rng.int(min, 6) }, () => rng.pick(alphabet)).join('');
    for (let i = 0; i < 2000; i++) {
      const c: KvCommand = rng.chance(0.5)
        ? { op: 'set', key: word(1), value: word(0) }
        : { op: 'cas', key: word(1), expected: rng.chance(0.2) ? null : word(0), value: word(0) };
      expect(parseCommandLine(formatCommandLine(c))).toEqual({ ok: true, command: c });
    }
  });

  test('a word is bare when the parser reads it back bare, else quoted with \\ and " escaped', () => {
    expect(quoteWord('x')).toBe('x');
    expect(quoteWord("don't")).toBe("don't");
    expect(quoteWord('a"b')).toBe('a"b');
    expect(quoteWord('a b')).toBe('"a b"');
    expect(quoteWord('')).toBe('""');
    expect(quoteWord('-')).toBe('"-"');
    expect(quoteWord('"x')).toBe('"\\"x"');
    expect(quoteWord('a\\ b')).toBe('"a\\\\ b"');
  });

  test('the log grid keeps the quotes of a key with spaces (SET "a b" "c d")', () => {
    const command = {
      kind: 'kv',
      session: 1,
      seq: 1,
      command: { op: 'set', key: 'a b', value: 'c d' },
    };
    expect(formatCommand(command)).toBe('SET "a b" "c d"');
    expect(parseCommandLine(formatCommand(command))).toEqual({
      ok: true,
      command: command.command,
    });
  });

  test('the views shorten values over 40 characters, and still quote what needs it', () => {
    const long = `${'v'.repeat(36)} end of a long value`;
    expect(formatKvCommand({ op: 'set', key: 'my key', value: long })).toBe(
      `SET "my key" "${long.slice(0, 37)}…"`,
    );
  });
});
