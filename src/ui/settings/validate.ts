/**
 * The settings form: text fields in, checked values or one clear sentence per bad field
 * out. Bad numbers never throw. Network fields apply live; node count, seed and timing
 * need a new cluster.
 */
import { APP_NODES_MAX, APP_NODES_MIN } from '../../defaults';
import { type Timing, timingProblem } from '../../runtime/timing';
import type { NetworkSettings } from '../../sim/network';

export const SEED_MAX = 2 ** 31 - 1;
export const DELAY_MAX = 10_000;

export interface SettingsForm {
  readonly nodes: string;
  readonly seed: string;
  readonly electionMin: string;
  readonly electionMax: string;
  readonly heartbeat: string;
  readonly delayMin: string;
  readonly delayMax: string;
  /** Percent, 0–100. */
  readonly dropPercent: string;
  readonly duplicatePercent: string;
}

export type FieldErrors = Partial<Record<keyof SettingsForm, string>>;

export interface CheckedSettings {
  readonly errors: FieldErrors;
  /** The network settings, when every network field is good. */
  readonly network: { delayMs: [number, number]; dropRate: number; duplicateRate: number } | null;
  /** Node count, seed and timing, when all are good. */
  readonly cluster: ClusterSettings | null;
}

export interface ClusterSettings {
  readonly nodes: number;
  readonly seed: number;
  readonly electionTimeoutMs: [number, number];
  readonly heartbeatMs: number;
}

export function formFrom(
  cluster: { nodes: number; seed: number } & Timing,
  network: NetworkSettings,
): SettingsForm {
  return {
    nodes: String(cluster.nodes),
    seed: String(cluster.seed),
    electionMin: String(cluster.electionTimeoutMs[0]),
    electionMax: String(cluster.electionTimeoutMs[1]),
    heartbeat: String(cluster.heartbeatMs),
    delayMin: String(network.delayMs[0]),
    delayMax: String(network.delayMs[1]),
    dropPercent: toPercent(network.dropRate),
    duplicatePercent: toPercent(network.duplicateRate),
  };
}

export function toPercent(rate: number): string {
  return String(Math.round(rate * 1000) / 10);
}

/** A number from text, or null when the text is not one (empty, "abc", "1e999"). */
function number(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export function checkSettings(form: SettingsForm): CheckedSettings {
  const errors: FieldErrors = {};
  const nodes = number(form.nodes);
  if (nodes === null || !Number.isInteger(nodes) || nodes < APP_NODES_MIN || nodes > APP_NODES_MAX)
    errors.nodes = `Nodes: a whole number from ${APP_NODES_MIN} to ${APP_NODES_MAX}.`;
  const seed = number(form.seed);
  if (seed === null || !Number.isInteger(seed) || seed < 0 || seed > SEED_MAX)
    errors.seed = `Seed: a whole number from 0 to ${SEED_MAX}.`;
  const electionTimeoutMs: [number, number] = [
    number(form.electionMin) ?? Number.NaN,
    number(form.electionMax) ?? Number.NaN,
  ];
  const heartbeatMs = number(form.heartbeat) ?? Number.NaN;
  const timing = timingProblem({ electionTimeoutMs, heartbeatMs });
  if (timing !== null) errors[timing.field] = timing.text;
  const min = number(form.delayMin);
  const max = number(form.delayMax);
  if (min === null || min < 0 || min > DELAY_MAX)
    errors.delayMin = `Minimum delay: a number of ms from 0 to ${DELAY_MAX}.`;
  if (max === null || max < 0 || max > DELAY_MAX)
    errors.delayMax = `Maximum delay: a number of ms from 0 to ${DELAY_MAX}.`;
  else if (min !== null && errors.delayMin === undefined && max < min)
    errors.delayMax = 'Maximum delay: at least the minimum delay.';
  const rate = (text: string, field: 'dropPercent' | 'duplicatePercent', name: string) => {
    const p = number(text);
    if (p === null || p < 0 || p > 100) {
      errors[field] = `${name}: a percentage from 0 to 100.`;
      return 0;
    }
    return p / 100;
  };
  const dropRate = rate(form.dropPercent, 'dropPercent', 'Drop rate');
  const duplicateRate = rate(form.duplicatePercent, 'duplicatePercent', 'Duplicate rate');
  const networkOk =
    errors.delayMin === undefined &&
    errors.delayMax === undefined &&
    errors.dropPercent === undefined &&
    errors.duplicatePercent === undefined;
  return {
    errors,
    network: networkOk ? { delayMs: [min!, max!], dropRate, duplicateRate } : null,
    cluster:
      errors.nodes === undefined && errors.seed === undefined && timing === null
        ? { nodes: nodes!, seed: seed!, electionTimeoutMs, heartbeatMs }
        : null,
  };
}

/** Whether two network settings are the same (nothing to apply). */
export function sameNetwork(a: NetworkSettings, b: NetworkSettings): boolean {
  return (
    a.delayMs[0] === b.delayMs[0] &&
    a.delayMs[1] === b.delayMs[1] &&
    a.dropRate === b.dropRate &&
    a.duplicateRate === b.duplicateRate
  );
}
