/** What a bench section returns: named rows of named figures, ready for a table and JSON. */

export type Figure = number | string;

export interface BenchRow {
  readonly name: string;
  /** Column name → value; numbers are printed with a unit-free format. */
  readonly figures: Readonly<Record<string, Figure>>;
}

export interface BenchSection {
  readonly name: string;
  /** One line on what was measured and how. */
  readonly description: string;
  readonly rows: readonly BenchRow[];
}

/** A section to run; `run` may be slow, and never runs in the test suite. */
export interface BenchSectionSpec {
  readonly name: string;
  run(): BenchSection | Promise<BenchSection>;
}
