/**
 * Runs the event core's planned events on asynchronous hosts: one at a time, or a window
 * of them in flight at once (pipeline.ts), with the same outcome either way. The one
 * durability gate lives here: an event that carries a message starts only once the
 * sender's step is durable, whoever receives it (a node or a client).
 */

import type { NodeId } from '../raft/types';
import type { EngineCore, Plan } from '../sim/engine';
import { type AsyncHost, type HostStep, runStep } from '../sim/host';
import { runWindow, type WindowSource } from '../sim/pipeline';

export class LiveSteps {
  private readonly postTail = new Map<NodeId, Promise<void>>();
  private readonly source: WindowSource<Plan, HostStep>;

  constructor(
    private readonly core: EngineCore,
    private readonly hosts: readonly AsyncHost[],
  ) {
    this.source = windowSource(core, (plan) => this.dispatch(plan));
  }

  /** Pops one event and runs it to the end; whether it did anything. */
  async next(): Promise<boolean> {
    const plan = this.core.popNext();
    if (plan === null) return false;
    const wait = this.gate(plan);
    if (wait !== undefined) await wait;
    const call = plan.call;
    const step =
      call === undefined ? null : await runStep(this.hosts[plan.node!]!, call, plan.time);
    return this.core.finish(plan, step);
  }

  /**
   * Runs events due by `end` with several host steps in flight at once; stops starting
   * new ones after `wallMs` of wall time or at `popsMax` pops; returns the events done.
   */
  window(end: number, wallMs: number, popsMax = Infinity): Promise<number> {
    return runWindow(this.source, { end, wallMs, popsMax, lookahead: this.core.lookahead() });
  }

  /** What the event must wait for before it begins (undefined: nothing). */
  private gate(plan: Plan): Promise<void> | undefined {
    const origin = plan.origin;
    return origin === undefined
      ? undefined
      : this.hosts[origin.node]!.whenDurable(origin.seq, origin.incarnation);
  }

  /** Starts a planned host step behind the node's earlier ones (each node steps in order). */
  private dispatch(plan: Plan): Promise<HostStep | null> {
    const wait = this.gate(plan);
    const call = plan.call;
    const node = plan.node;
    if (call === undefined || node === null)
      return wait === undefined ? Promise.resolve(null) : wait.then(() => null);
    const previous = this.postTail.get(node) ?? Promise.resolve();
    const host = this.hosts[node]!;
    const posted = previous.then(() => wait).then(() => ({ step: runStep(host, call, plan.time) }));
    this.postTail.set(
      node,
      posted.then(() => undefined),
    );
    return posted.then(({ step }) => step);
  }
}

function windowSource(
  core: EngineCore,
  dispatch: (plan: Plan) => Promise<HostStep | null>,
): WindowSource<Plan, HostStep> {
  return {
    get pops() {
      return core.pops;
    },
    get serialOnly() {
      return core.holding;
    },
    peekTime: () => core.nextEventTime(),
    peekTimerNode: () => core.nextTimerNode(),
    popAndPlan: () => {
      const plan = core.popNext()!;
      return { time: plan.time, plan };
    },
    dispatch,
    finish: (plan, _time, step) => core.finish(plan, step),
  };
}
