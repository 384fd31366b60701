/**
 * npm run lesson -- check FILE... | check --all | schema
 * check: validates and plays each lesson headlessly; prints `FILE: ok` or one line per
 * problem (`FILE: PATH: sentence`); exit 1 when any has a problem.
 * schema: writes the JSON Schema of the format to public/lesson.schema.json.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLesson } from '../src/lessons/check';
import { lessonJsonSchema } from '../src/lessons/format';

export const BUILTIN_DIR = 'lessons';
export const SCHEMA_FILE = 'public/lesson.schema.json';

/** The lines `check` prints for these files, and whether all were ok. */
export function checkFiles(files: readonly string[]): { lines: string[]; ok: boolean } {
  const lines: string[] = [];
  let ok = true;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      lines.push(`${file}: cannot be read: ${e instanceof Error ? e.message : String(e)}`);
      ok = false;
      continue;
    }
    const problems = checkLesson(text);
    if (problems.length === 0) lines.push(`${file}: ok`);
    else {
      ok = false;
      for (const p of problems) lines.push(`${file}: ${p.path}: ${p.message}`);
    }
  }
  return { lines, ok };
}

export function builtinFiles(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(BUILTIN_DIR, f));
}

export function schemaText(): string {
  return `${JSON.stringify(lessonJsonSchema(), null, 2)}\n`;
}

const USAGE = 'usage: npm run lesson -- check FILE... | check --all | schema';

function main(args: readonly string[]): number {
  const [command, ...rest] = args;
  if (command === 'schema') {
    writeFileSync(SCHEMA_FILE, schemaText());
    console.log(`wrote ${SCHEMA_FILE}`);
    return 0;
  }
  if (command !== 'check' || rest.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const files = rest.includes('--all') ? builtinFiles() : rest;
  const { lines, ok } = checkFiles(files);
  for (const line of lines) console.log(line);
  return ok ? 0 : 1;
}

if (process.argv[1]?.endsWith('lesson.ts')) process.exitCode = main(process.argv.slice(2));
