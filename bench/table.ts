/** Bench sections as plain-text tables: one column per figure, numbers right-aligned. */
import type { BenchSection, Figure } from './types';

export function formatSection(section: BenchSection): string {
  const lines = [`## ${section.name}`, section.description];
  if (section.rows.length === 0) return lines.join('\n');
  const columns = [...new Set(section.rows.flatMap((r) => Object.keys(r.figures)))];
  const header = ['', ...columns];
  const body = section.rows.map((r) => [r.name, ...columns.map((c) => show(r.figures[c]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  lines.push(line(header), ...body.map(line));
  return lines.join('\n');
}

function show(value: Figure | undefined): string {
  if (value === undefined) return '-';
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
}
