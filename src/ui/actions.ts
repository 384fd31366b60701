/**
 * What the user can do, as intents sent to the runtime. Components call these; they never
 * touch the cluster. A refused intent becomes a notice, never an exception in the page.
 */
import type { KvCommand } from '../kv/types';
import type { RuntimeController } from '../runtime/controller';
import type { Speed } from '../runtime/pacer';
import type { Intervention } from '../sim/interventions';
import { historySignature } from './history/signature';
import { addConsoleEntry, commandLine, refusedRow, sentRow } from './history-feed';
import { addNotice, useStore } from './store/store';
import type { ClusterView, ConsoleEntry, Verdict } from './store/types';

export interface Actions {
  /** Any action of the one table (sim/interventions.ts): crash, partition, setLink, ... */
  act(action: Intervention): void;
  /** A new KV client, sending only to `pinnedTo` if given; resolves to its id (c1, c2, ...). */
  addClient(pinnedTo?: number): Promise<string | null>;
  /** Sends a command from a client; the console shows it as a row at once. */
  kv(client: string, command: KvCommand): void;
  /** A console line refused before it was sent (bad syntax): shown, never sent. */
  refuse(client: string, text: string, error: string): void;
  setSpeed(speed: Speed): void;
  pause(): void;
  resume(): void;
  togglePause(): void;
  step(): void;
  /** Shows the cluster as it was at virtual time `at`; null returns to the live run. */
  inspect(at: number | null): void;
  checkHistory(): void;
}

export function createActions(current: () => RuntimeController): Actions {
  const controller = {
    intervene: <A extends Intervention>(a: A) => current().intervene(a),
    setSpeed: (speed: Speed) => current().setSpeed(speed),
    pause: () => current().pause(),
    resume: () => current().resume(),
    step: () => current().step(),
  };
  const report = (promise: Promise<unknown>): void => {
    promise.catch((e: unknown) => addNotice(e instanceof Error ? e.message : String(e)));
  };
  const intervene = (action: Intervention): void => {
    if (useStore.getState().playback.inspecting !== null) {
      addNotice('You are looking at the past: return to the live run to change the cluster.');
      return;
    }
    report(controller.intervene(action));
  };
  const actions: Actions = {
    act: intervene,
    addClient: async (pinnedTo) => {
      try {
        const { id } = await controller.intervene({
          type: 'addClient',
          ...(pinnedTo === undefined ? {} : { pinnedTo }),
        });
        useStore.setState((s) => ({ clients: [...s.clients, id] }));
        return id;
      } catch (e) {
        addNotice(e instanceof Error ? e.message : String(e));
        return null;
      }
    },
    kv: (client, command) => {
      if (useStore.getState().playback.inspecting !== null) {
        addNotice('You are looking at the past: return to the live run to send commands.');
        return;
      }
      // The row's call and return come from the trace (history-feed.ts), as in a replay.
      const row = sentRow(useStore.getState().console, client, commandLine(command));
      useStore.setState((s) => ({ console: addConsoleEntry(s.console, row) }));
      controller.intervene({ type: 'kv', client, command }).catch((e: unknown) => {
        const error = e instanceof Error ? e.message : String(e);
        const failed = (c: ConsoleEntry) =>
          c.id === row.id && c.status === 'pending' && c.call === undefined;
        useStore.setState((s) => ({
          console: s.console.map((c) => (failed(c) ? { ...c, status: 'fail', error } : c)),
        }));
      });
    },
    refuse: (client, text, error) => {
      const row = refusedRow(useStore.getState().console, { client, text, error });
      useStore.setState((s) => ({ console: addConsoleEntry(s.console, row) }));
      current().note({ kind: 'refused', client, text, error });
    },
    setSpeed: (speed) => report(controller.setSpeed(speed)),
    pause: () => report(controller.pause()),
    resume: () => {
      if (useStore.getState().playback.inspecting !== null) actions.inspect(null);
      report(controller.resume());
    },
    togglePause: () => (useStore.getState().playback.paused ? actions.resume() : actions.pause()),
    step: () => {
      if (useStore.getState().playback.inspecting !== null) actions.inspect(null);
      report(controller.step());
    },
    inspect: (at) => inspect(current(), at),
    checkHistory: () => checkHistory(current()),
  };
  return actions;
}

function inspect(controller: RuntimeController, at: number | null): void {
  if (at === null) {
    useStore.setState((s) => ({
      playback: { ...s.playback, inspecting: null, inspectLoading: false },
    }));
    return;
  }
  useStore.setState((s) => ({ playback: { ...s.playback, inspecting: at, inspectLoading: true } }));
  void controller.pause();
  controller.inspect(at).then(
    (view) => {
      // A later request wins: ignore answers for a moment no longer asked for.
      if (useStore.getState().playback.inspecting !== at) return;
      useStore.setState((s) => ({
        view: view as ClusterView,
        playback: { ...s.playback, inspectLoading: false },
      }));
    },
    (e: unknown) => {
      addNotice(`Could not show that moment: ${e instanceof Error ? e.message : String(e)}`);
      useStore.setState((s) => ({
        playback: { ...s.playback, inspecting: null, inspectLoading: false },
      }));
    },
  );
}

function checkHistory(controller: RuntimeController): void {
  const { ops, dropped } = useStore.getState().history;
  useStore.setState((s) => ({
    history: {
      ...s.history,
      verdict: { status: 'checking' },
      checkedSignature: historySignature(ops),
    },
  }));
  const settle = (verdict: Verdict) => {
    useStore.setState((s) => ({ history: { ...s.history, verdict, checkedOps: ops.length } }));
    const { checkedOps, checkedSignature } = useStore.getState().history;
    // Kept with the run, so a reload shows this verdict without checking again.
    controller.note({ kind: 'verdict', verdict, checkedOps, checkedSignature });
  };
  controller.checkHistory(ops).then(
    // Count the ops that cannot be ordered from the start of the run (see HistoryState).
    (v) =>
      settle(
        v.status === 'illegal' ? { ...v, unorderable: v.unorderable.map((i) => i + dropped) } : v,
      ),
    (e: unknown) => settle({ status: 'unknown', message: String(e) }),
  );
}
