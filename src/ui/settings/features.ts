/**
 * The features past the core Raft as the settings form holds them, and back to a cluster
 * config. Off is the paper's core; each needs a new cluster, like node count and timing.
 */
import type { ReadMode } from '../../raft/types';
import type { ClusterConfig } from '../../runtime/cluster-config';

export interface FeatureChoice {
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly readMode: ReadMode;
}

export const READ_MODE_LABELS: Readonly<Record<ReadMode, string>> = {
  log: 'Through the log: each GET is an entry',
  readIndex: 'ReadIndex (§6.4): the leader checks with a majority',
  lease: 'Lease (§6.4.1): the leader answers alone while its lease runs',
};

export function featuresOf(config: ClusterConfig): FeatureChoice {
  return {
    preVote: config.preVote === true,
    checkQuorum: config.checkQuorum === true,
    readMode: config.readMode ?? 'log',
  };
}

/** One sentence saying why the choice cannot run, or null. */
export function featureProblem(f: FeatureChoice): string | null {
  return f.readMode === 'lease' && !f.checkQuorum
    ? 'Lease reads need CheckQuorum: without it a cut-off leader could read on a lease another leader has outlived.'
    : null;
}

/** The config fields of a choice; every key present, so a reset also switches features off. */
export function featureConfig(
  f: FeatureChoice,
): Pick<ClusterConfig, 'preVote' | 'checkQuorum' | 'readMode'> {
  return {
    preVote: f.preVote ? true : undefined,
    checkQuorum: f.checkQuorum ? true : undefined,
    readMode: f.readMode === 'log' ? undefined : f.readMode,
  };
}

/** The features that are on, in words ("PreVote, CheckQuorum, lease reads"), or "none". */
export function featureWords(f: FeatureChoice): string {
  const on: string[] = [];
  if (f.preVote) on.push('PreVote');
  if (f.checkQuorum) on.push('CheckQuorum');
  if (f.readMode === 'readIndex') on.push('ReadIndex reads');
  if (f.readMode === 'lease') on.push('lease reads');
  return on.length === 0 ? 'none' : on.join(', ');
}
