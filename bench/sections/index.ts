/**
 * Every bench section, in the order they run. To add one, write a function in this folder
 * that returns a BenchSection (named rows of named figures) and list it here.
 */
import type { BenchSectionSpec } from '../types';
import { benchClusterThroughput } from './cluster-throughput';
import { benchFind } from './find';
import { benchLinearizability } from './linearizability';
import { benchReads } from './reads';
import { benchSeek } from './seek';

export const SECTIONS: readonly BenchSectionSpec[] = [
  { name: 'cluster', run: () => benchClusterThroughput() },
  { name: 'reads', run: benchReads },
  { name: 'linearizability', run: benchLinearizability },
  { name: 'seek', run: benchSeek },
  { name: 'find', run: benchFind },
];
