/**
 * npm run bench: runs every section, prints a table per section and writes
 * reports/bench.json. Never part of the test suite.
 *   npm run bench                 every section
 *   npm run bench -- cluster      only the named sections
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { SECTIONS } from './sections/index';
import { formatSection } from './table';
import type { BenchSection } from './types';

const REPORT_PATH = 'reports/bench.json';

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(
      `bench: no section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  const chosen = argv.length === 0 ? SECTIONS : SECTIONS.filter((s) => argv.includes(s.name));
  const sections: BenchSection[] = [];
  for (const spec of chosen) {
    const section = await spec.run();
    sections.push(section);
    console.log(`${formatSection(section)}\n`);
  }
  const report = {
    createdAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}`,
    sections,
  };
  mkdirSync('reports', { recursive: true });
  writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`bench: wrote ${REPORT_PATH}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
