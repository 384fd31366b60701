/**
 * A lesson's conditions, checked against a LessonWorld: null when one holds, else what is
 * so instead, in words (the checker prints it when a condition is never reached).
 */
import type { NodeId } from '../raft/types';
import type { TraceEvent } from '../sim/trace';
import { nodeName } from '../util/node-name';
import type { Condition, EventName } from './format';
import { type LessonWorld, type RefContext, resolveRef } from './world';

/** A moment a step began: what "leader" meant then, and the events seen by then. */
export interface StepMark extends RefContext {
  readonly events: number;
}

export function markOf(world: LessonWorld): StepMark {
  return { size: world.size, leader: world.leader(), events: world.events.length };
}

/** null when the condition holds now, else what is the case instead. */
export function conditionProblem(c: Condition, world: LessonWorld, mark: StepMark): string | null {
  const node = (ref: string): NodeId | string => resolveRef(ref, mark);
  switch (c.kind) {
    case 'leader': {
      const leader = world.leader();
      const now = leader === null ? 'there is no leader' : `${nodeName(leader)} leads`;
      if (c.node === 'any') return leader !== null ? null : now;
      if (c.node === 'none') return leader === null ? null : now;
      const want = node(c.node);
      if (typeof want === 'string') return want;
      return leader === want ? null : now;
    }
    case 'term': {
      const terms = ids(world).map((id) => world.node(id).term);
      const top = Math.max(...terms);
      return top >= c.atLeast ? null : `the highest term is ${top}`;
    }
    case 'committed': {
      const have = ids(world).filter((id) => world.node(id).commitIndex >= c.index).length;
      const need = c.on === 'all' ? world.size : majority(world.size);
      return have >= need ? null : `${have} of ${world.size} nodes have committed index ${c.index}`;
    }
    case 'role': {
      const id = node(c.node);
      if (typeof id === 'string') return id;
      const v = world.node(id);
      if (!v.alive) return `${nodeName(id)} is crashed`;
      return v.role === c.role ? null : `${nodeName(id)} is ${v.role}`;
    }
    case 'alive': {
      const id = node(c.node);
      if (typeof id === 'string') return id;
      const alive = world.node(id).alive;
      return alive === c.alive ? null : `${nodeName(id)} is ${alive ? 'running' : 'crashed'}`;
    }
    case 'inFlight': {
      const from = c.from === undefined ? undefined : node(c.from);
      const to = c.to === undefined ? undefined : node(c.to);
      if (typeof from === 'string') return from;
      if (typeof to === 'string') return to;
      const found = world
        .inFlight()
        .some(
          (m) =>
            (c.type === 'any' || m.type === c.type) &&
            (from === undefined || m.from === from) &&
            (to === undefined || m.to === to),
        );
      return found ? null : `no ${c.type === 'any' ? 'message' : c.type} in flight`;
    }
    case 'happened': {
      const id = c.node === undefined ? undefined : node(c.node);
      if (typeof id === 'string') return id;
      const seen = since(world, mark).some(
        (e) => EVENTS[c.event](e) && (id === undefined || ('node' in e && e.node === id)),
      );
      return seen ? null : `no ${c.event}${id === undefined ? '' : ` of ${nodeName(id)}`} yet`;
    }
    case 'did': {
      const id = c.node === undefined ? undefined : node(c.node);
      if (typeof id === 'string') return id;
      const done = since(world, mark).some(
        (e) =>
          e.kind === 'intervention' &&
          e.action === c.action &&
          (id === undefined || e.args[0] === id),
      );
      return done ? null : `no ${c.action}${id === undefined ? '' : ` of ${nodeName(id)}`} yet`;
    }
    case 'kv': {
      const have = ids(world).filter((id) => (world.kv(id)[c.key] ?? null) === c.value).length;
      const need = c.on === 'all' ? world.size : majority(world.size);
      const want = c.value === null ? `without ${c.key}` : `with ${c.key} = ${c.value}`;
      return have >= need ? null : `${have} of ${world.size} nodes have applied a state ${want}`;
    }
    case 'client': {
      const outcome = lastOutcome(world, c.client);
      if (outcome === c.outcome) return null;
      return outcome === null
        ? `${c.client} has made no call`
        : `${c.client}'s last call is ${outcome}`;
    }
    case 'violated': {
      const broken = world.violations();
      if (broken.some((v) => c.rule === undefined || v.startsWith(c.rule))) return null;
      return broken.length === 0
        ? 'no rule of Raft is broken'
        : `the broken rule is not ${c.rule}: ${broken[0]}`;
    }
    case 'all': {
      for (const part of c.of) {
        const problem = conditionProblem(part, world, mark);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'any': {
      const problems = c.of.map((part) => conditionProblem(part, world, mark));
      return problems.includes(null) ? null : problems.join('; ');
    }
    case 'not':
      return conditionProblem(c.condition, world, mark) === null ? 'it holds' : null;
  }
}

const EVENTS: Readonly<Record<EventName, (e: TraceEvent) => boolean>> = {
  crash: (e) => e.kind === 'crash',
  restart: (e) => e.kind === 'restart',
  electionTimeout: (e) => e.kind === 'timeout' && e.timer === 'election',
  becameCandidate: (e) => e.kind === 'role' && e.role === 'candidate',
  becameLeader: (e) => e.kind === 'role' && e.role === 'leader',
  becameFollower: (e) => e.kind === 'role' && e.role === 'follower',
  voteGranted: (e) => e.kind === 'vote' && e.granted,
  voteDenied: (e) => e.kind === 'vote' && !e.granted,
  truncated: (e) => e.kind === 'persist' && e.truncateFrom !== null,
  committed: (e) => e.kind === 'commit',
  dropped: (e) => e.kind === 'drop',
  clientCall: (e) => e.kind === 'client-call',
  clientReturned: (e) => e.kind === 'client-return',
  preVoteStarted: (e) => e.kind === 'feature' && e.event.type === 'preVoteStarted',
  steppedDown: (e) => e.kind === 'feature' && e.event.type === 'steppedDown',
  transferStarted: (e) => e.kind === 'feature' && e.event.type === 'transferStarted',
  transferAborted: (e) => e.kind === 'feature' && e.event.type === 'transferAborted',
};

function since(world: LessonWorld, mark: StepMark): readonly TraceEvent[] {
  return world.events.slice(mark.events);
}

function lastOutcome(world: LessonWorld, client: string): string | null {
  for (let i = world.events.length - 1; i >= 0; i--) {
    const e = world.events[i]!;
    if (e.kind === 'client-return' && e.client === client) return e.outcome;
    if (e.kind === 'client-call' && e.client === client) return 'pending';
  }
  return null;
}

function ids(world: LessonWorld): NodeId[] {
  return Array.from({ length: world.size }, (_, id) => id);
}

function majority(size: number): number {
  return Math.floor(size / 2) + 1;
}
