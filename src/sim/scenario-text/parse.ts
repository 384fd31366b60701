/**
 * Reads a scenario file into blocks: command lines, a line `----`, the expected output,
 * a blank line. Comments (`#`) and blank lines before a block belong to it, so a rewrite
 * keeps them. Only the shape is checked here; each command's words are checked by its
 * entry in the command table (`commands.ts`).
 */

/** An error in a scenario file, at a line (1-based). */
export class ScenarioError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

export interface CommandLine {
  readonly line: number;
  readonly text: string;
  /** The words of the line; a "double-quoted" word is one word (JSON string syntax). */
  readonly words: readonly string[];
}

export interface Block {
  /** Line of the block's first command. */
  readonly line: number;
  /** Comments, blank lines and commands, as written: kept as they are by a rewrite. */
  readonly head: readonly string[];
  readonly commands: readonly CommandLine[];
  readonly expected: readonly string[];
}

export interface ScenarioFile {
  readonly blocks: readonly Block[];
  /** Comments and blank lines after the last block. */
  readonly tail: readonly string[];
}

export const SEPARATOR = '----';

/** Splits a command line into words; a quoted word may hold spaces (`kv c1 set x "a b"`). */
export function words(text: string, line: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"?|\S+/g)) {
    const w = m[0];
    if (!w.startsWith('"')) {
      out.push(w);
      continue;
    }
    try {
      if (w.length < 2 || !w.endsWith('"')) throw new Error('open');
      out.push(JSON.parse(w) as string);
    } catch {
      throw new ScenarioError(line, `a quoted word needs its closing quote: ${w}`);
    }
  }
  return out;
}

const isComment = (s: string) => s.trimStart().startsWith('#');

export function parseScenario(text: string): ScenarioFile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const blocks: Block[] = [];
  let head: string[] = [];
  let commands: CommandLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i]!;
    const line = i + 1;
    i++;
    if (raw.trim() === SEPARATOR) {
      if (commands.length === 0)
        throw new ScenarioError(line, `${SEPARATOR} needs commands above it`);
      const expected: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!);
      i++; // the blank line that ends the block
      blocks.push({ line: commands[0]!.line, head, commands, expected });
      head = [];
      commands = [];
      continue;
    }
    head.push(raw);
    if (raw.trim() === '' || isComment(raw)) continue;
    commands.push({ line, text: raw.trim(), words: words(raw, line) });
  }
  if (commands.length > 0) {
    throw new ScenarioError(
      commands[0]!.line,
      `the block's commands need a line ${SEPARATOR} after them, then the expected output`,
    );
  }
  return { blocks, tail: head };
}

/** The file again, with each block's output replaced by `outputs[i]`. */
export function formatScenario(
  file: ScenarioFile,
  outputs: readonly (readonly string[])[],
): string {
  const out: string[] = [];
  file.blocks.forEach((b, i) => {
    out.push(...b.head, SEPARATOR, ...(outputs[i] ?? b.expected), '');
  });
  // A blank line already ends the last block.
  const tail = [...file.tail];
  while (tail[0]?.trim() === '') tail.shift();
  out.push(...tail);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
