/**
 * The replicated state machine: the KV store plus the session table. Applying the same
 * log always yields the same store, sessions and responses.
 */
import type { Entry } from '../raft/types';
import { commandProblem } from './limits';
import { SessionTable } from './sessions';
import { KvStore } from './store';
import { isSessionCommand, type KvResponse } from './types';

export type Applied =
  | { readonly kind: 'none' }
  | { readonly kind: 'registered'; readonly session: number }
  | {
      readonly kind: 'response';
      readonly session: number;
      readonly seq: number;
      readonly response: KvResponse;
    };

const NONE: Applied = { kind: 'none' };

export class KvStateMachine {
  readonly store = new KvStore();
  readonly sessions: SessionTable;

  /** `applyRetries`: the unsafe switch noClientSessions (a retry is applied again). */
  constructor(
    sessionsMax?: number,
    private readonly applyRetries = false,
  ) {
    this.sessions = new SessionTable(sessionsMax);
  }

  /** Applies one committed entry. No-ops and foreign commands change nothing. */
  apply(entry: Entry): Applied {
    const command = entry.command;
    if (!isSessionCommand(command)) return NONE;
    if (command.kind === 'register') {
      return { kind: 'registered', session: this.sessions.register(entry.index) };
    }
    const { session: id, seq } = command;
    const session = this.sessions.get(id);
    let response: KvResponse;
    if (session === undefined) {
      response = {
        ok: false,
        code: 'expired',
        error: `session ${id} is unknown or expired: register again`,
      };
    } else if (seq < session.lastSeq) {
      response = {
        ok: false,
        code: 'stale',
        error: `stale request: sequence ${seq} is older than ${session.lastSeq}, the last one applied`,
      };
    } else if (seq === session.lastSeq && session.lastResponse !== null && !this.applyRetries) {
      // A retry of the last command: the original response, not a second application.
      response = session.lastResponse;
    } else {
      const problem = commandProblem(command.command) ?? this.store.problem(command.command);
      response =
        problem === null
          ? { ok: true, result: this.store.apply(command.command) }
          : { ok: false, code: 'invalid', error: problem };
      session.lastSeq = seq;
      session.lastResponse = response;
      session.lastIndex = entry.index;
    }
    return { kind: 'response', session: id, seq, response };
  }
}
