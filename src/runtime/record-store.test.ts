/**
 * The run record in IndexedDB: its database is named after the cluster; what is written
 * loads back; a missing database is a fresh start; a malformed record is reported,
 * cleared and never read again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recordDatabaseName } from './idb-storage';
import { loadRecord, RecordStore } from './record-store';
import { encodeRecord, META_KEY, type RunRecord } from './run-record';
import { EMPTY_STORY } from './run-story';

let clusters = 0;
const freshCluster = () => `record-test-${++clusters}`;

const record: RunRecord = {
  clock: 640.5,
  segments: [
    {
      id: 0,
      start: 0,
      state: [
        { hardState: { term: 2, votedFor: 0 }, log: [{ index: 1, term: 1, command: null }] },
        { hardState: { term: 2, votedFor: 0 }, log: [] },
        { hardState: { term: 2, votedFor: null }, log: [] },
      ],
      interventions: [{ pops: 4, at: 200, action: { type: 'crash', node: 1 } }],
    },
  ],
  story: { ...EMPTY_STORY, clients: ['c1', 'c2'] },
};

async function databases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('the run record in IndexedDB', () => {
  it("lives in the cluster's own database, next to the nodes'", () => {
    expect(recordDatabaseName('abc123')).toBe('raft-playground-abc123-run');
  });

  it('loads back what was written, in one database per cluster', async () => {
    const id = freshCluster();
    const store = await RecordStore.open(id);
    await store.write(encodeRecord(record), []);
    store.close();
    const loaded = await loadRecord(id, 3, null);
    expect(loaded.problem).toBeNull();
    expect(loaded.record).toEqual(record);
    expect(await databases()).toContain(recordDatabaseName(id));
    loaded.store?.close();
  });

  it('a cluster without a record starts afresh, with no problem', async () => {
    const loaded = await loadRecord(freshCluster(), 3, null);
    expect(loaded).toMatchObject({ record: null, problem: null });
    expect(loaded.store).not.toBeNull();
    loaded.store?.close();
  });

  it('a record of another version is reported and cleared, so it is read only once', async () => {
    const id = freshCluster();
    const store = await RecordStore.open(id);
    await store.write(new Map([[META_KEY, { version: 99 }]]), []);
    store.close();
    const first = await loadRecord(id, 3, null);
    expect(first.record).toBeNull();
    expect(first.problem).toBe('its format version is 99, this app reads version 1');
    first.store?.close();
    const second = await loadRecord(id, 3, null);
    expect(second).toMatchObject({ record: null, problem: null });
    second.store?.close();
  });

  it('without IndexedDB the record is kept in memory only, and nothing is said twice', async () => {
    expect(await loadRecord(freshCluster(), 3, 'unavailable')).toEqual({
      store: null,
      record: null,
      problem: null,
    });
  });
});
