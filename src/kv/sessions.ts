/**
 * Client sessions for exactly-once semantics (Raft dissertation §6.3). Part of the
 * replicated state: every replica rebuilds the same table from the log.
 *
 * Expiry rule: at most `sessionsMax` sessions. Registering one more expires the session
 * whose last command has the lowest log index. It depends only on the log, so every
 * replica expires the same sessions at the same entry.
 */
import type { KvResponse } from './types';

export interface Session {
  /** Highest sequence number applied for this client. */
  lastSeq: number;
  /** The response to lastSeq, returned again to a retry. */
  lastResponse: KvResponse | null;
  /** Log index of the session's latest registration or command. */
  lastIndex: number;
}

export const SESSIONS_MAX = 1000;

export class SessionTable {
  private readonly sessions = new Map<number, Session>();

  constructor(private readonly sessionsMax = SESSIONS_MAX) {}

  get size(): number {
    return this.sessions.size;
  }

  get(id: number): Session | undefined {
    return this.sessions.get(id);
  }

  /** A session's id is the log index of its registration: unique and the same everywhere. */
  register(index: number): number {
    this.sessions.set(index, { lastSeq: 0, lastResponse: null, lastIndex: index });
    while (this.sessions.size > this.sessionsMax) this.expireOldest();
    return index;
  }

  private expireOldest(): void {
    let oldestId = -1;
    let oldestIndex = Infinity;
    for (const [id, s] of this.sessions) {
      if (s.lastIndex < oldestIndex) {
        oldestIndex = s.lastIndex;
        oldestId = id;
      }
    }
    this.sessions.delete(oldestId);
  }
}
