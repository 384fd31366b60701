/**
 * The linearizability checker's own timing on the porcupine reference histories, from
 * `benchReferenceHistories()` in src/check/linearizability/bench-reference.ts. Loaded
 * lazily: if that module is missing, the section says so instead of failing the bench.
 */
import type { BenchSection } from '../types';

interface ReferenceTiming {
  name: string;
  ops: number;
  verdict: string;
  ms: number;
}

const MODULE = '../../src/check/linearizability/bench-reference';

export async function benchLinearizability(): Promise<BenchSection> {
  const name = 'linearizability checker';
  let bench: () => ReferenceTiming[];
  try {
    const mod = (await import(MODULE)) as { benchReferenceHistories: () => ReferenceTiming[] };
    bench = mod.benchReferenceHistories;
  } catch (error) {
    return {
      name,
      description: `skipped: ${MODULE} could not be loaded (${(error as Error).message})`,
      rows: [],
    };
  }
  return {
    name,
    description: 'porcupine reference KV histories, parse excluded, check only',
    rows: bench().map((t) => ({
      name: t.name,
      figures: { ops: t.ops, verdict: t.verdict, ms: Math.round(t.ms * 10) / 10 },
    })),
  };
}
