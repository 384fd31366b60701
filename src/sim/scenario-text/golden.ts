/**
 * Golden output: a scenario file's blocks compared with what they print now, and the file
 * rewritten with the new output on request (UPDATE_GOLDEN=1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatScenario, ScenarioError } from './parse';
import { runScenario } from './runner';

/** A line diff: `  same`, `- expected only`, `+ actual only` (longest common subsequence). */
export function diffLines(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        expected[i] === actual[j]
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${expected[i++]}`);
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      out.push(`+ ${actual[j++]}`);
    else out.push(`- ${expected[i++]}`);
  }
  return out;
}

/** What differs in a file, one paragraph per block; empty when every block matches. */
export function checkGolden(text: string, name: string): { problems: string[]; rewritten: string } {
  let run: ReturnType<typeof runScenario>;
  try {
    run = runScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) throw new Error(`${name}:${e.line}: ${e.reason}`);
    throw e;
  }
  const problems: string[] = [];
  run.file.blocks.forEach((b, i) => {
    const actual = run.outputs[i]!;
    if (actual.join('\n') === b.expected.join('\n')) return;
    problems.push(
      [
        `${name}:${b.line}: the output differs from the expected (- expected, + actual)`,
        ...b.commands.map((c) => `  > ${c.text}`),
        ...diffLines(b.expected, actual).map((l) => `  ${l}`),
      ].join('\n'),
    );
  });
  return { problems, rewritten: formatScenario(run.file, run.outputs) };
}

/** Checks one file; with `update`, rewrites its golden output instead of failing on it. */
export function checkGoldenFile(path: string, name: string, update: boolean): string[] {
  const text = readFileSync(path, 'utf8');
  const { problems, rewritten } = checkGolden(text, name);
  if (update) {
    if (rewritten !== text) writeFileSync(path, rewritten);
    return [];
  }
  return problems;
}
