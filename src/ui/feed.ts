/**
 * Feeds the store from the runtime: one setState per frame the runtime sends (at most one
 * per animation frame). Live views read the controller's logs, patched in place.
 */
import type { FrameUpdate, RuntimeController } from '../runtime/controller';
import { applyClientEvents, storyState, withEarlyRows } from './history-feed';
import { addNotice, initialState, useStore } from './store/store';
import type { ClusterView } from './store/types';

export function liveView(
  frame: FrameUpdate,
  controller: RuntimeController,
  logVersion: number,
): ClusterView {
  const s = frame.snapshot;
  return {
    mode: 'live',
    now: s.now,
    leader: s.leader,
    nodes: s.nodes,
    network: s.network,
    messages: s.messages,
    messagesOmitted: s.messagesOmitted,
    violations: s.violations,
    kv: controller.kv.slice(),
    logs: controller.logs,
    logVersion,
  };
}

/** Connects a controller to the store; returns the disconnect. */
export function connectFeed(controller: RuntimeController): () => void {
  let logVersion = 0;
  const unsubscribe = controller.subscribe((frame) => {
    const s = frame.snapshot;
    if (s.logPatches.length > 0) logVersion++;
    useStore.setState((state) => {
      const clients = applyClientEvents(
        { history: state.history, console: state.console },
        s.trace,
      );
      const inspecting = state.playback.inspecting !== null;
      const same = state.playback.speed === frame.speed && state.playback.paused === frame.paused;
      return {
        view: inspecting ? state.view : liveView(frame, controller, logVersion),
        // The same object while nothing in it changed: views compare it to skip work.
        playback: same
          ? state.playback
          : { ...state.playback, speed: frame.speed, paused: frame.paused },
        history: clients.history,
        console: clients.console,
        traceVersion: s.trace.length > 0 ? state.traceVersion + 1 : state.traceVersion,
      };
    });
  });
  const stopProblems = controller.onProblemReported(addNotice);
  // The run so far (after a reload, or a shared run replayed): console, history, verdict, clients.
  const stopStory = controller.onStory((story) => {
    useStore.setState((state) => {
      const restored = storyState(story, initialState().history);
      return {
        history: restored.history,
        console: withEarlyRows(restored.console, state.console),
        clients: [...new Set([...story.clients, ...state.clients])],
      };
    });
  });
  return () => {
    unsubscribe();
    stopProblems();
    stopStory();
  };
}
