/**
 * The folders' import directions: the checker reads the trace and the KV history but not
 * the simulator that runs it, the KV store does not use the simulator outside its scenario
 * tests, and no module imports itself through others.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Each source file's relative imports (type-only ones too), as files under src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(ROOT)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)'(\.[^']+)'/g)) {
      const base = resolve(dirname(file), m[1]!);
      const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(existsSync);
      if (found !== undefined) deps.push(relative(ROOT, found));
    }
    graph.set(relative(ROOT, file), deps);
  }
  return graph;
}

const graph = importGraph();

function importsInto(from: string, to: string, except: RegExp = /^$/): string[] {
  return [...graph].flatMap(([file, deps]) =>
    file.startsWith(from) && !except.test(file)
      ? deps.filter((d) => d.startsWith(to)).map((d) => `${file} -> ${d}`)
      : [],
  );
}

describe('import directions', () => {
  it('src/check imports nothing from src/sim', () => {
    expect(importsInto('check/', 'sim/')).toEqual([]);
  });

  it('src/kv imports nothing from src/sim or src/check, outside its scenario tests', () => {
    expect(importsInto('kv/', 'sim/', /^kv\/scenarios\//)).toEqual([]);
    expect(importsInto('kv/', 'check/', /^kv\/scenarios\//)).toEqual([]);
  });

  it('no module imports itself through others', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) visit(dep, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
