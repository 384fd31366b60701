/**
 * window.__raft: a handle for end-to-end tests, present only in builds made with
 * VITE_TEST_API=1. It reads the page's state and sends the same intents the UI sends.
 */
import type { Intervention } from '../sim/interventions';
import type { RunScript } from '../sim/script';
import type { RuntimeController } from './controller';
import type { InterventionReply, TestIntentReplies } from './scheduler-protocol';

export interface TestApi {
  readonly controller: RuntimeController;
  /** A JSON-ready summary of what the page currently shows. */
  state(): unknown;
  intervene<A extends Intervention>(action: A): Promise<InterventionReply<A>>;
  runFor(ms: number): Promise<number>;
  compare(script: RunScript): Promise<TestIntentReplies['compare']>;
}

export function installTestApi(controller: RuntimeController): void {
  const api: TestApi = {
    controller,
    state: () => {
      const s = controller.state?.snapshot;
      if (s === undefined) return null;
      return {
        now: s.now,
        leader: s.leader,
        violations: s.violations,
        messagesInFlight: s.messages.length + s.messagesOmitted,
        nodes: s.nodes,
        logs: controller.logs.map((log) =>
          log.map((e) => ({ index: e.index, term: e.term, command: e.command })),
        ),
        kv: controller.kv,
        problems: controller.problems,
        paused: controller.state?.paused,
        speed: controller.state?.speed,
      };
    },
    intervene: (action) => controller.intervene(action),
    runFor: (ms) => controller.runFor(ms),
    compare: (script) => controller.request({ kind: 'compare', script }),
  };
  (globalThis as unknown as { __raft: TestApi }).__raft = api;
}
