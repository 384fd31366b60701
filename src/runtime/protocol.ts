/**
 * The tiny typed protocol between a WorkerHost (scheduler side) and its node worker,
 * carried over one MessageChannel per incarnation. Requests have an id; replies echo it.
 */
import type { OutgoingReply } from '../kv/replica';
import type { ClientRequest } from '../kv/types';
import type { NodeStatus } from '../raft/node';
import type { DurableState, Input, Ready } from '../raft/types';
import type { BootInfo } from '../sim/host';
import type { NodeConfig } from '../sim/options';
import type { StorageFault } from './idb-storage';

export type StorageMode = 'idb' | 'memory';

export interface BootRequest {
  readonly type: 'boot';
  readonly id: number;
  readonly config: NodeConfig;
  readonly seed: number;
  readonly incarnation: number;
  readonly now: number;
  readonly storage: StorageMode;
  readonly dbName: string;
  /** The durable state to start from when storage is 'memory'. */
  readonly memoryState: DurableState | null;
  readonly fault: StorageFault | null;
}

export type WorkerRequest =
  | BootRequest
  | { readonly type: 'step'; readonly id: number; readonly input: Input; readonly now: number }
  | {
      readonly type: 'client';
      readonly id: number;
      readonly from: string;
      readonly request: ClientRequest;
      readonly now: number;
    }
  | {
      readonly type: 'propose';
      readonly id: number;
      readonly command: unknown;
      readonly now: number;
    }
  | {
      readonly type: 'proposeMany';
      readonly id: number;
      readonly commands: readonly unknown[];
      readonly now: number;
    };

export interface StepReply {
  readonly type: 'stepped';
  readonly id: number;
  readonly seq: number;
  /** Every step up to this one is durable. */
  readonly durableSeq: number;
  /** The step's Ready, less its committed entries (see `committed`). */
  readonly ready: Ready;
  /** Indices [first, last] of the newly committed entries (last < first: none). */
  readonly committed: readonly [number, number];
  /** What applying them left under the keys they touch (null: deleted), applied once, here. */
  readonly kv: ReadonlyArray<readonly [string, string | null]>;
  readonly replies: readonly OutgoingReply[];
  readonly status: NodeStatus;
  readonly proposal?: { index: number; term: number } | null;
  readonly proposals?: ReadonlyArray<{ index: number; term: number } | null>;
}

export type WorkerReply =
  | {
      readonly type: 'booted';
      readonly id: number;
      readonly info: BootInfo;
      /** The durable state it started from. */
      readonly state: DurableState;
      readonly status: NodeStatus;
      /** The storage actually in use (IndexedDB may have failed). */
      readonly storage: StorageMode;
      /** Why stored state was discarded or storage failed, if it was. */
      readonly problem: string | null;
    }
  | StepReply
  /** Every step up to `seq` is durable. */
  | { readonly type: 'durable'; readonly seq: number }
  /** Storage failed after boot; the node goes on with its state in memory. */
  | { readonly type: 'storageFailed'; readonly message: string; readonly durableSeq: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
