/**
 * What the user can do, as intents sent to the runtime. Components call these; they never
 * touch the cluster. A refused intent becomes a notice, never an exception in the page.
 */
import type { KvCommand } from '../kv/types';
import type { NodeId } from '../raft/types';
import type { RuntimeController } from '../runtime/controller';
import type { Speed } from '../runtime/pacer';
import type { Intervention } from '../sim/interventions';
import type { NetworkOptions } from '../sim/network';
import { historySignature } from './history/signature';
import { addConsoleEntry } from './history-feed';
import { addNotice, useStore } from './store/store';
import type { ClusterView, Verdict } from './store/types';

export interface Actions {
  crash(node: NodeId): void;
  restart(node: NodeId): void;
  expireTimer(node: NodeId): void;
  disconnect(node: NodeId): void;
  reconnect(node: NodeId): void;
  setLink(from: NodeId, to: NodeId, up: boolean): void;
  partition(groups: NodeId[][]): void;
  heal(): void;
  setNetwork(network: NetworkOptions): void;
  dropMessage(id: number): void;
  /** A new KV client; resolves to its id (c1, c2, ...). */
  addClient(): Promise<string | null>;
  /** Sends a command from a client; `text` is how the console shows it. */
  kv(client: string, command: KvCommand, text: string): void;
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

let consoleIds = 0;

export function createActions(current: () => RuntimeController): Actions {
  const controller = {
    intervene: (a: Intervention) => current().intervene(a),
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
    crash: (node) => intervene({ type: 'crash', node }),
    restart: (node) => intervene({ type: 'restart', node }),
    expireTimer: (node) => intervene({ type: 'expire', node }),
    disconnect: (node) => intervene({ type: 'disconnect', node }),
    reconnect: (node) => intervene({ type: 'reconnect', node }),
    setLink: (from, to, up) => intervene({ type: 'setLink', from, to, up }),
    partition: (groups) => intervene({ type: 'partition', groups }),
    heal: () => intervene({ type: 'heal' }),
    setNetwork: (network) => intervene({ type: 'setNetwork', network }),
    dropMessage: (id) => intervene({ type: 'dropMessage', id }),
    addClient: async () => {
      try {
        const { id } = (await controller.intervene({ type: 'addClient' })) as { id: string };
        useStore.setState((s) => ({ clients: [...s.clients, id] }));
        return id;
      } catch (e) {
        addNotice(e instanceof Error ? e.message : String(e));
        return null;
      }
    },
    kv: (client, command, text) => {
      if (useStore.getState().playback.inspecting !== null) {
        addNotice('You are looking at the past: return to the live run to send commands.');
        return;
      }
      const entry = { id: ++consoleIds, client, text, status: 'pending' as const };
      useStore.setState((s) => ({ console: addConsoleEntry(s.console, entry) }));
      report(controller.intervene({ type: 'kv', client, command }));
    },
    refuse: (client, text, error) => {
      const entry = { id: ++consoleIds, client, text, status: 'refused' as const, error };
      useStore.setState((s) => ({ console: addConsoleEntry(s.console, entry) }));
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
  const settle = (verdict: Verdict) =>
    useStore.setState((s) => ({ history: { ...s.history, verdict, checkedOps: ops.length } }));
  controller.checkHistory(ops).then(
    // Count the ops that cannot be ordered from the start of the run (see HistoryState).
    (v) =>
      settle(
        v.status === 'illegal' ? { ...v, unorderable: v.unorderable.map((i) => i + dropped) } : v,
      ),
    (e: unknown) => settle({ status: 'unknown', message: String(e) }),
  );
}
