/**
 * The KV console's command line, parsed into a command (pure; never throws).
 *
 *   GET key · SET key value · CAS key expected new · APPEND key suffix · DEL key
 *
 * Op names are case-insensitive. Quote a word that has spaces: SET greeting "hello world"
 * (single or double quotes; \" and \\ escape inside). In CAS, an unquoted `-` as the
 * expected value means "only if the key is absent" (`∅`, as the views print it, works too);
 * a quoted "-" is the one-character string.
 *
 * `formatCommandLine` is the inverse (parse(format(c)) is c), and `quoteWord` its one
 * quoting rule, which every view that prints a command uses.
 */
import { commandProblem } from '../../kv/limits';
import type { KvCommand } from '../../kv/types';

export type ParsedLine =
  | { readonly ok: true; readonly command: KvCommand }
  | { readonly ok: false; readonly error: string };

/** Longer lines are refused before tokenising: a value may be at most 64 KiB anyway. */
export const LINE_CHARS_MAX = 140_000;

export const SYNTAX_HINT =
  'SET x 1 · GET x · CAS x 1 2 · CAS x - 2 (only if absent) · APPEND x y · DEL x · SET x "a b"';

const USAGE: Readonly<Record<KvCommand['op'], string>> = {
  get: 'GET needs a key: GET x',
  set: 'SET needs a key and a value: SET x 1',
  cas: 'CAS needs a key, the expected value and the new value: CAS x 1 2 (use - for "only if absent": CAS x - 2)',
  append: 'APPEND needs a key and the text to add: APPEND x y',
  del: 'DEL needs a key: DEL x',
};

const TOO_MANY: Readonly<Record<KvCommand['op'], string>> = {
  get: 'GET takes only a key; put a key with spaces in quotes: GET "my key"',
  set: 'SET takes a key and one value; put a value with spaces in quotes: SET x "hello world"',
  cas: 'CAS takes a key, the expected value and the new value; put values with spaces in quotes: CAS x "a b" "c d"',
  append: 'APPEND takes a key and one value; put a value with spaces in quotes: APPEND x " more"',
  del: 'DEL takes only a key; put a key with spaces in quotes: DEL "my key"',
};

const ARITY: Readonly<Record<KvCommand['op'], number>> = {
  get: 1,
  set: 2,
  cas: 3,
  append: 2,
  del: 1,
};

/** Unquoted, either means "only if absent" as CAS's expected value. */
const ABSENT: ReadonlySet<string> = new Set(['-', '∅']);

interface Word {
  readonly text: string;
  readonly quoted: boolean;
}

type Tokens = { ok: true; words: Word[] } | { ok: false; error: string };

export function parseCommandLine(text: string): ParsedLine {
  if (text.length > LINE_CHARS_MAX) {
    return { ok: false, error: `the line is too long (over ${LINE_CHARS_MAX} characters)` };
  }
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const [head, ...args] = tokens.words;
  if (head === undefined) return { ok: false, error: 'type a command, e.g. SET x 1' };
  const op = head.text.toLowerCase();
  if (head.quoted || !isOp(op)) {
    const shown = head.text.length > 20 ? `${head.text.slice(0, 20)}…` : head.text;
    return {
      ok: false,
      error: `unknown command ${shown.toUpperCase()}: use GET, SET, CAS, APPEND or DEL`,
    };
  }
  if (args.length < ARITY[op]) return { ok: false, error: USAGE[op] };
  if (args.length > ARITY[op]) return { ok: false, error: TOO_MANY[op] };
  const command = toCommand(op, args);
  const problem = commandProblem(command);
  return problem === null ? { ok: true, command } : { ok: false, error: problem };
}

function isOp(op: string): op is KvCommand['op'] {
  return Object.hasOwn(ARITY, op);
}

function toCommand(op: KvCommand['op'], args: readonly Word[]): KvCommand {
  const key = args[0]!.text;
  switch (op) {
    case 'get':
    case 'del':
      return { op, key };
    case 'set':
    case 'append':
      return { op, key, value: args[1]!.text };
    case 'cas': {
      const e = args[1]!;
      const absent = !e.quoted && ABSENT.has(e.text);
      return { op, key, expected: absent ? null : e.text, value: args[2]!.text };
    }
  }
}

/**
 * Splits on whitespace. A word that starts with a quote runs to the matching quote and may
 * hold spaces, escaped quotes and backslashes; a quote inside a word is an ordinary letter.
 */
function tokenize(text: string): Tokens {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let out = '';
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && (text[j + 1] === c || text[j + 1] === '\\')) j++;
        out += text[j];
        j++;
      }
      if (j >= text.length) {
        return { ok: false, error: `unterminated quote: add the closing ${c}` };
      }
      const after = text[j + 1];
      if (after !== undefined && !/\s/.test(after)) {
        return { ok: false, error: `put a space after the closing ${c}` };
      }
      words.push({ text: out, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    // A quote inside a word is literal (don't, 5'10").
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    words.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return { ok: true, words };
}

/**
 * A word as the parser reads it back: bare when it can be (non-empty, no whitespace, no
 * leading quote, not the absent marker - or ∅), else in double quotes with \ and "
 * escaped.
 */
export function quoteWord(word: string): string {
  const bare = word !== '' && !/\s/.test(word) && !/^["']/.test(word) && !ABSENT.has(word);
  return bare ? word : `"${word.replace(/[\\"]/g, '\\$&')}"`;
}

/** The command as a line that parses back to it (CAS "only if absent" is written ∅). */
export function formatCommandLine(c: KvCommand): string {
  const key = quoteWord(c.key);
  switch (c.op) {
    case 'get':
      return `GET ${key}`;
    case 'set':
      return `SET ${key} ${quoteWord(c.value)}`;
    case 'cas':
      return `CAS ${key} ${c.expected === null ? '∅' : quoteWord(c.expected)} ${quoteWord(c.value)}`;
    case 'append':
      return `APPEND ${key} ${quoteWord(c.value)}`;
    case 'del':
      return `DEL ${key}`;
  }
}
