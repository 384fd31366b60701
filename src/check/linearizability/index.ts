// Linearizability checking of KV client histories. Browser-safe: nothing here touches
// node: modules (the reference benchmark lives in bench-reference.ts for that reason).

export type { HistoryOp } from '../../kv/history';
export {
  type CheckOptions,
  checkLinearizability,
  DEFAULT_BUDGET_MS,
  type LinearizabilityResult,
  partitionByKey,
} from './check';
export { describeCall, describeOperation, describeResult, type KvInput } from './describe';
export {
  answersKv,
  expectedKvResult,
  type KvOutput,
  type KvState,
  kvModel,
  kvState,
  nextKvState,
} from './kv-model';
export { loadHistory } from './load-history';
export type { Model, Operation, StepResult } from './model';
export { formatPorcupineKv, parsePorcupineKv } from './porcupine-format';
export { PartitionSearch, type SearchResult } from './search';
export { type PartitionsResult, type SearchClock, searchPartitions } from './search-partitions';
export { HistoryError, validateHistory } from './validate';
