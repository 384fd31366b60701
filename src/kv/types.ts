/** The key/value commands, their results, and the client <-> server messages. */
import type { NodeId } from '../raft/types';

export type KvOpName = 'get' | 'set' | 'cas' | 'append' | 'del';

/** How a GET was answered without a log write (§6.4): ReadIndex, or the leader's lease. */
export type ServedBy = 'readIndex' | 'lease';

/**
 * What the store answered. Which fields are meaningful depends on the operation:
 * - get:               `found`, `value` (present iff found)
 * - set / append / del: `prevFound`, `prev` (present iff prevFound)
 * - cas:               `prevFound`, `prev`, `swapped`
 */
export interface KvResult {
  found?: boolean;
  value?: string;
  prevFound?: boolean;
  prev?: string;
  swapped?: boolean;
}

export type KvCommand =
  | { readonly op: 'get'; readonly key: string }
  | { readonly op: 'set'; readonly key: string; readonly value: string }
  | {
      readonly op: 'cas';
      readonly key: string;
      readonly expected: string | null;
      readonly value: string;
    }
  | { readonly op: 'append'; readonly key: string; readonly value: string }
  | { readonly op: 'del'; readonly key: string };

/** What the log carries for clients (dissertation §6.3): a registration or a session's command. */
export type SessionCommand =
  | { readonly kind: 'register' }
  | {
      readonly kind: 'kv';
      readonly session: number;
      readonly seq: number;
      readonly command: KvCommand;
    };

/** Why a request was not applied, when the server knows for sure. */
export type KvErrorCode = 'invalid' | 'stale' | 'expired';

/** The answer the state machine gives for a session's command; cached for retries. */
export type KvResponse =
  | { readonly ok: true; readonly result: KvResult }
  | { readonly ok: false; readonly code: KvErrorCode; readonly error: string };

export interface ClientRequest {
  readonly type: 'ClientRequest';
  /** null while the client registers. */
  readonly session: number | null;
  /** 0 for a registration. */
  readonly seq: number;
  readonly command: KvCommand | { readonly op: 'register' };
}

export type ClientReply =
  | {
      readonly type: 'ClientReply';
      readonly status: 'notLeader';
      readonly seq: number;
      readonly leaderHint: NodeId | null;
    }
  | {
      readonly type: 'ClientReply';
      readonly status: 'registered';
      readonly seq: 0;
      readonly session: number;
    }
  | {
      readonly type: 'ClientReply';
      readonly status: 'done';
      readonly seq: number;
      readonly response: KvResponse;
      /** A GET answered without a log write (§6.4); absent when it went through the log. */
      readonly servedBy?: ServedBy;
    };

export function isSessionCommand(command: unknown): command is SessionCommand {
  if (typeof command !== 'object' || command === null) return false;
  const kind = (command as { kind?: unknown }).kind;
  return kind === 'register' || kind === 'kv';
}
