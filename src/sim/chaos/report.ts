/** What a chaos run prints: a failing seed with its options and sentences, and a summary. */
import { type ChaosFlags, describeOptions } from './options';
import type { SeedResult } from './run-seed';

/** Most sentences printed per failing seed; the trace file holds them all. */
export const SENTENCES_PRINTED_MAX = 10;
/** Most failing seeds named in the summary line. */
export const FAILED_SEEDS_PRINTED_MAX = 20;

export interface ChaosSummary {
  readonly seedsRun: number;
  readonly seedsFailed: number;
  readonly failedSeeds: readonly number[];
  readonly events: number;
  readonly commits: number;
  readonly kvCalls: number;
  /** Seeds whose linearizability check ran out of time. */
  readonly kvInconclusive: number;
  readonly wallMs: number;
  /** The slowest seed, to spot one that strays from the others. */
  readonly slowestSeed: number | null;
  readonly slowestMs: number;
}

export function summarize(results: readonly SeedResult[], wallMs: number): ChaosSummary {
  let events = 0;
  let commits = 0;
  let kvCalls = 0;
  let kvInconclusive = 0;
  let slowest: SeedResult | null = null;
  const failedSeeds: number[] = [];
  for (const r of results) {
    events += r.events;
    commits += r.commits;
    kvCalls += r.kvCalls;
    if (r.kvInconclusive) kvInconclusive++;
    if (!r.ok) failedSeeds.push(r.options.seed);
    if (slowest === null || r.wallMs > slowest.wallMs) slowest = r;
  }
  return {
    seedsRun: results.length,
    seedsFailed: failedSeeds.length,
    failedSeeds,
    events,
    commits,
    kvCalls,
    kvInconclusive,
    wallMs,
    slowestSeed: slowest?.options.seed ?? null,
    slowestMs: slowest?.wallMs ?? 0,
  };
}

export function reproduceCommand(seed: number, flags: ChaosFlags, tracePath: string): string {
  const unreliable = flags.unreliable ? ' --unreliable' : '';
  const strict = flags.strictLiveness ? ' --strict-liveness' : '';
  const kv = flags.kv ? ' --kv' : '';
  const bug = flags.bug === undefined ? '' : ` --bug ${flags.bug}`;
  const features =
    flags.features === undefined || flags.features.length === 0
      ? ''
      : ` --features ${flags.features.join(',')}`;
  return `npm run chaos -- --seed ${seed} --nodes ${flags.nodes}${unreliable}${strict}${kv}${bug}${features} --trace ${tracePath}`;
}

/** The lines for one seed: options, then each violation and failure. */
export function formatSeed(r: SeedResult): string[] {
  const status = r.ok ? 'ok' : 'FAILED';
  const lines = [
    `${status} ${describeOptions(r.options)}`,
    `  events=${r.events} commits=${r.commits} accepted=${r.commandsAccepted} commitIndex=${r.commitIndex} leaderAfterHeal=${r.leaderAfter ?? '-'} finalAppliedAfterHeal=${r.finalAppliedAfter ?? '-'} virtual=${r.virtualTime} wall=${r.wallMs.toFixed(1)}ms`,
    `  faults ${formatCounts(r.faultCounts)}${r.kvCalls > 0 ? ` kvCalls=${r.kvCalls}` : ''}`,
  ];
  const sentences = [...r.violations, ...r.failures];
  for (const s of sentences.slice(0, SENTENCES_PRINTED_MAX)) lines.push(`  - ${s}`);
  if (sentences.length > SENTENCES_PRINTED_MAX) {
    lines.push(`  ... and ${sentences.length - SENTENCES_PRINTED_MAX} more in the trace file`);
  }
  return lines;
}

export function formatSummary(s: ChaosSummary): string {
  const shown = s.failedSeeds.slice(0, FAILED_SEEDS_PRINTED_MAX).join(', ');
  const more = s.seedsFailed > FAILED_SEEDS_PRINTED_MAX ? ', ...' : '';
  const failed = s.seedsFailed === 0 ? '' : ` (${shown}${more})`;
  return [
    `chaos: ${s.seedsRun} seeds run, ${s.seedsFailed} failed${failed}`,
    `${s.events} events, ${s.commits} commits`,
    ...(s.kvCalls > 0
      ? [`${s.kvCalls} KV calls (${s.kvInconclusive} histories too long to check in time)`]
      : []),
    `wall ${(s.wallMs / 1000).toFixed(2)} s`,
    `slowest seed ${s.slowestSeed ?? '-'} (${s.slowestMs.toFixed(0)} ms)`,
  ].join(', ');
}

function formatCounts(counts: Partial<Record<string, number>>): string {
  const parts = Object.entries(counts).map(([k, v]) => `${k}=${v}`);
  return parts.length === 0 ? 'none' : parts.join(' ');
}
