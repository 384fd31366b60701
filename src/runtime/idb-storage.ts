/**
 * Durable state of one node in IndexedDB (through idb-keyval's createStore): one database
 * per node per cluster, a meta record with a format version, term, vote and last index,
 * and one record per log entry keyed by its index. One transaction per write batch holds
 * the meta update, the truncation and the appends, so a batch lands whole or not at all.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { DurableState, Entry, HardState } from '../raft/types';
import type { WriteBatch } from './write-batch';

export const STORAGE_FORMAT_VERSION = 1;
const META = 'meta';
const STORE = 'raft';
const INDEX_MAX = Number.MAX_SAFE_INTEGER;

interface Meta {
  readonly version: number;
  readonly term: number;
  readonly votedFor: number | null;
  readonly lastIndex: number;
}

/** Failures a test can inject to prove the app survives them (never used otherwise). */
export type StorageFault = 'unavailable' | 'quota' | 'corrupt';

export class StorageError extends Error {}

export function databaseName(clusterId: string, node: number): string {
  return `raft-playground-${clusterId}-node-${node}`;
}

export class IdbStorage {
  private lastIndex = 0;
  private hardState: HardState = { term: 0, votedFor: null };

  private constructor(
    private readonly store: UseStore,
    private readonly fault: StorageFault | null,
  ) {}

  /**
   * Opens the node's database and loads its state. A record that is missing, of an
   * unknown version or malformed is reported in `problem` and the node starts clean.
   */
  static async open(
    dbName: string,
    fault: StorageFault | null = null,
  ): Promise<{ storage: IdbStorage; state: DurableState; problem: string | null }> {
    if (fault === 'unavailable' || typeof indexedDB === 'undefined') {
      throw new StorageError(
        'IndexedDB is not available in this browser (private mode, or disabled)',
      );
    }
    const storage = new IdbStorage(createStore(dbName, STORE), fault);
    if (fault === 'corrupt')
      await storage.store('readwrite', (s) => promisifyRequest(s.put('garbage', META)));
    const loaded = await storage.load();
    if (typeof loaded === 'string') {
      await storage.clear();
      return { storage, state: { hardState: storage.hardState, log: [] }, problem: loaded };
    }
    return { storage, state: loaded, problem: null };
  }

  /** Writes one batch in one transaction; resolves once it is committed. */
  async write(batch: WriteBatch): Promise<void> {
    if (this.fault === 'quota') {
      throw new StorageError('the browser refused to store more data (QuotaExceededError)');
    }
    const hardState = batch.hardState ?? this.hardState;
    let lastIndex = this.lastIndex;
    if (batch.truncateFrom !== null) lastIndex = Math.min(lastIndex, batch.truncateFrom - 1);
    if (batch.append.length > 0) lastIndex = batch.append[batch.append.length - 1]!.index;
    const meta: Meta = { version: STORAGE_FORMAT_VERSION, ...hardState, lastIndex };
    await this.store('readwrite', (s) => {
      if (batch.truncateFrom !== null) s.delete(IDBKeyRange.bound(batch.truncateFrom, INDEX_MAX));
      for (const e of batch.append) s.put(e, e.index);
      s.put(meta, META);
      return promisifyRequest(s.transaction);
    });
    this.hardState = hardState;
    this.lastIndex = lastIndex;
  }

  private async clear(): Promise<void> {
    await this.store('readwrite', (s) => {
      s.clear();
      return promisifyRequest(s.transaction);
    });
  }

  /** The stored state, or a sentence saying why it cannot be trusted. */
  private async load(): Promise<DurableState | string> {
    const [meta, entries] = await this.store('readonly', (s) =>
      Promise.all([
        promisifyRequest(s.get(META)) as Promise<unknown>,
        promisifyRequest(s.getAll(IDBKeyRange.bound(1, INDEX_MAX))) as Promise<unknown[]>,
      ]),
    );
    if (meta === undefined)
      return entries.length === 0
        ? { hardState: this.hardState, log: [] }
        : 'log entries without a meta record';
    const problem = metaProblem(meta);
    if (problem !== null) return problem;
    const m = meta as Meta;
    const log = entries as Entry[];
    const logProblem = entriesProblem(log, m.lastIndex);
    if (logProblem !== null) return logProblem;
    this.hardState = { term: m.term, votedFor: m.votedFor };
    this.lastIndex = m.lastIndex;
    return { hardState: this.hardState, log };
  }
}

function metaProblem(meta: unknown): string | null {
  if (typeof meta !== 'object' || meta === null) return 'the meta record is not an object';
  const m = meta as Partial<Meta>;
  if (m.version !== STORAGE_FORMAT_VERSION) {
    return `the stored format version is ${JSON.stringify(m.version)}, this app reads version ${STORAGE_FORMAT_VERSION}`;
  }
  if (!Number.isInteger(m.term) || (m.term as number) < 0)
    return 'the stored term is not a whole number';
  if (m.votedFor !== null && !Number.isInteger(m.votedFor)) return 'the stored vote is malformed';
  if (!Number.isInteger(m.lastIndex) || (m.lastIndex as number) < 0)
    return 'the stored last index is malformed';
  return null;
}

function entriesProblem(log: readonly unknown[], lastIndex: number): string | null {
  if (log.length !== lastIndex)
    return `the log should hold ${lastIndex} entries but holds ${log.length}`;
  for (let i = 0; i < log.length; i++) {
    const e = log[i] as Partial<Entry> | null;
    if (typeof e !== 'object' || e === null || e.index !== i + 1 || !Number.isInteger(e.term)) {
      return `log entry ${i + 1} is malformed`;
    }
  }
  return null;
}
