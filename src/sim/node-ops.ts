/**
 * Interventions that touch a node, in two halves around the host call the harness makes
 * on its own kind of host (synchronous or not): the first traces the intervention and
 * says whether there is anything to call, the second records the outcome.
 */
import type { NodeId } from '../raft/types';
import type { EngineCore } from './engine';
import type { BootInfo, ProposeManyStep, ProposeStep, StepCall } from './host';
import type { SubmitResult } from './types';

/** Traces a submit of `commands`; whether the node is alive to propose them. */
export function beginSubmit(core: EngineCore, id: NodeId, commands: readonly unknown[]): boolean {
  const host = core.host(id);
  for (const command of commands) core.traceIntervention('submit', [id, command]);
  return host.alive;
}

export function endSubmit(
  core: EngineCore,
  id: NodeId,
  command: unknown,
  { proposal, step }: ProposeStep,
): SubmitResult {
  if (proposal !== null) {
    core.record({
      kind: 'propose',
      node: id,
      index: proposal.index,
      term: proposal.term,
      command,
    });
  }
  core.stepped(id, step);
  return proposal === null ? { accepted: false } : { accepted: true, ...proposal };
}

export function endSubmitMany(
  core: EngineCore,
  id: NodeId,
  commands: readonly unknown[],
  r: ProposeManyStep,
): SubmitResult[] {
  const results = r.proposals.map((proposal, i): SubmitResult => {
    if (proposal === null) return { accepted: false };
    core.record({ kind: 'propose', node: id, ...proposal, command: commands[i] });
    return { accepted: true, ...proposal };
  });
  core.stepped(id, r.step);
  return results;
}

/** Traces a crash; whether the node is alive to crash. */
export function beginCrash(core: EngineCore, id: NodeId): boolean {
  const host = core.host(id);
  core.traceIntervention('crash', [id]);
  return host.alive;
}

export function endCrash(core: EngineCore, id: NodeId): void {
  core.clearTimer(id);
  core.record({ kind: 'crash', node: id });
}

/** Traces a restart; whether the node is down, so it boots. */
export function beginRestart(core: EngineCore, id: NodeId): boolean {
  const host = core.host(id);
  core.traceIntervention('restart', [id]);
  return !host.alive;
}

/** A node booted from its durable state (at creation, and on restart). */
export function booted(core: EngineCore, id: NodeId, { log, ...info }: BootInfo): void {
  // A node that resumes a run (page reload) says what it holds, so checkers start from it.
  const resumed = info.incarnation === 1 && log.length > 0 ? { resumedLog: log } : {};
  core.record({ kind: 'restart', node: id, ...info, ...resumed });
  core.scheduleTimer(id, core.hosts[id]!.nextDeadline());
}

/** Traces a forced election timeout; the step to run, or null (leader, crashed). */
export function beginExpire(core: EngineCore, id: NodeId): StepCall | null {
  const host = core.host(id);
  core.traceIntervention('expireElectionTimer', [id]);
  if (!host.alive || host.role === 'leader') return null;
  core.record({ kind: 'timeout', node: id, timer: 'election', forced: true });
  return { kind: 'input', input: { kind: 'electionTimeout' } };
}

/** Traces a leadership transfer; the step to run, or null if `from` is not an alive leader. */
export function beginTransfer(core: EngineCore, from: NodeId, to: NodeId): StepCall | null {
  const host = core.host(from);
  core.host(to);
  if (from === to) throw new Error(`transferLeadership: node ${from} cannot hand over to itself`);
  core.traceIntervention('transferLeadership', [from, to]);
  if (!host.alive || host.role !== 'leader') return null;
  return { kind: 'input', input: { kind: 'transferLeadership', to } };
}
