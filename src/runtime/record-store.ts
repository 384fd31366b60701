/**
 * The run record in IndexedDB: one database per cluster (recordDatabaseName), one object
 * store of the record's parts by key (run-record.ts). A write puts and deletes parts in
 * one transaction, so the record on disk is always one that was whole at some moment.
 */
import { promisifyRequest } from 'idb-keyval';
import { recordDatabaseName, type StorageFault } from './idb-storage';
import { decodeRecord } from './record-decode';
import type { RunRecord } from './run-record';

const STORE = 'record';

/** What the record keeper writes through (an in-memory fake in tests). */
export interface RecordWriter {
  write(puts: ReadonlyMap<string, unknown>, deletes: readonly string[]): Promise<void>;
  close(): void;
}

export class RecordStore implements RecordWriter {
  private constructor(private readonly db: IDBDatabase) {
    // Let a deletion of this cluster's data (reset, another tab) go ahead.
    db.onversionchange = () => db.close();
  }

  static async open(clusterId: string): Promise<RecordStore> {
    const request = indexedDB.open(recordDatabaseName(clusterId), 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    return new RecordStore(await promisifyRequest(request));
  }

  async readAll(): Promise<Map<string, unknown>> {
    const tx = this.db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const [keys, values] = await Promise.all([
      promisifyRequest(store.getAllKeys()),
      promisifyRequest(store.getAll()),
    ]);
    return new Map(keys.map((k, i) => [String(k), values[i]]));
  }

  async write(puts: ReadonlyMap<string, unknown>, deletes: readonly string[]): Promise<void> {
    // Relaxed durability, as the nodes' own stores: a committed write survives the tab.
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'relaxed' });
    const store = tx.objectStore(STORE);
    for (const key of deletes) store.delete(key);
    for (const [key, value] of puts) store.put(value, key);
    await promisifyRequest(tx);
  }

  async clear(): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).clear();
    await promisifyRequest(tx);
  }

  close(): void {
    this.db.close();
  }
}

export interface LoadedRecord {
  /** null: IndexedDB is not there, the record lives in memory only. */
  readonly store: RecordStore | null;
  /** null: a fresh start. */
  readonly record: RunRecord | null;
  /** Why a stored record was set aside, or why none can be kept; null when all is well. */
  readonly problem: string | null;
}

/** Opens and reads a cluster's record; never throws (trouble is a problem sentence). */
export async function loadRecord(
  clusterId: string,
  nodes: number,
  fault: StorageFault | null,
): Promise<LoadedRecord> {
  // The nodes already tell the user that IndexedDB is missing.
  if (fault === 'unavailable' || typeof indexedDB === 'undefined')
    return { store: null, record: null, problem: null };
  let store: RecordStore;
  try {
    store = await RecordStore.open(clusterId);
  } catch (e) {
    return { store: null, record: null, problem: `it could not be opened (${errorText(e)})` };
  }
  try {
    const { record, problem } = decodeRecord(await store.readAll(), nodes);
    if (problem !== null) await store.clear();
    return { store, record, problem };
  } catch (e) {
    return { store, record: null, problem: `it could not be read (${errorText(e)})` };
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
