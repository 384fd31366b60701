/**
 * For the runtime's tests: an in-process node that answers asynchronously and makes its
 * steps durable a little later, as a worker does; and a LiveCluster of them.
 */
import type { ClientRequest } from '../kv/types';
import type { DurableState, Input } from '../raft/types';
import type { AsyncHost, HostStep, ProposeManyStep, ProposeStep } from '../sim/host';
import { InProcessHost } from '../sim/in-process-host';
import { nodeConfigs, resolveOptions } from '../sim/options';
import type { ClusterOptions } from '../sim/types';
import { LiveCluster } from './live-cluster';

/** An in-process node that answers asynchronously and makes steps durable a little later. */
export class DelayedHost implements AsyncHost {
  private seq = 0;
  private durable = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  constructor(readonly inner: InProcessHost) {}
  get id() {
    return this.inner.id;
  }
  get alive() {
    return this.inner.alive;
  }
  get incarnation() {
    return this.inner.incarnation;
  }
  get role() {
    return this.inner.role;
  }
  get term() {
    return this.inner.term;
  }
  async boot(now: number) {
    // Like a worker: a new incarnation numbers its steps from zero again.
    this.seq = 0;
    this.durable = 0;
    return this.inner.boot(now);
  }
  async crash() {
    await this.whenDurable(this.seq, this.inner.incarnation);
    this.inner.crash();
  }
  async step(input: Input, now: number): Promise<HostStep> {
    return this.later(this.inner.step(input, now));
  }
  async clientRequest(from: string, request: ClientRequest, now: number): Promise<HostStep> {
    return this.later(this.inner.clientRequest(from, request, now));
  }
  async propose(command: unknown, now: number): Promise<ProposeStep> {
    const r = this.inner.propose(command, now);
    return { proposal: r.proposal, step: this.later(r.step) };
  }
  async proposeMany(commands: readonly unknown[], now: number): Promise<ProposeManyStep> {
    const r = this.inner.proposeMany(commands, now);
    return { proposals: r.proposals, step: this.later(r.step) };
  }
  whenDurable(seq: number, incarnation: number): Promise<void> | undefined {
    if (seq <= this.durable || incarnation !== this.inner.incarnation) return undefined;
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }
  nextDeadline() {
    return this.inner.nextDeadline();
  }
  view() {
    return this.inner.view();
  }
  status() {
    return this.inner.status();
  }
  kvState() {
    return this.inner.kvState();
  }
  applied() {
    return this.inner.applied();
  }
  private later(step: HostStep): HostStep {
    const seq = ++this.seq;
    setTimeout(() => {
      this.durable = Math.max(this.durable, seq);
      const due = this.waiters.filter((w) => w.seq <= this.durable);
      this.waiters = this.waiters.filter((w) => w.seq > this.durable);
      for (const w of due) w.resolve();
    }, 0);
    return { ...step, seq };
  }
}

/**
 * A live cluster of asynchronous in-process nodes; `resume`: the nodes' durable state and
 * the virtual time to start from, as after a page reload.
 */
export function liveCluster(
  options: ClusterOptions,
  resume?: { readonly state: readonly DurableState[]; readonly startTime: number },
): LiveCluster<DelayedHost> {
  const o = resolveOptions(options);
  const hosts = nodeConfigs(o).map((c) => new DelayedHost(new InProcessHost(c, o.seed)));
  for (const [id, state] of (resume?.state ?? []).entries()) hosts[id]!.inner.storage.reset(state);
  return new LiveCluster(o, hosts, options.network, resume?.startTime ?? 0);
}
