/**
 * Runs a scenario file: every command in order against one simulated cluster, collecting
 * each block's output (trace lines, answers, `show`s). A failed `expect`, a `run until`
 * that is not reached, or a broken invariant stops the run with the line and the reason;
 * golden output is compared afterwards (see `golden.ts`).
 */
import { type ClusterOptions, createCluster, type KvOp } from '../index';
import {
  applyIntervention,
  type InterventionTarget,
  interventionProblem,
  type RecordedIntervention,
} from '../interventions';
import { parseCommand, type Step, TRACE_EVENTS_MAX } from './commands';
import {
  type Block,
  type CommandLine,
  parseScenario,
  ScenarioError,
  type ScenarioFile,
} from './parse';
import { renderTrace } from './render';
import { newWorld, type World } from './world';

export interface ScenarioRun {
  readonly file: ScenarioFile;
  /** Each block's actual output, in order. */
  readonly outputs: readonly string[][];
  /** The run as data (its cluster's options and interventions), for the page to replay. */
  readonly recording: ScenarioRecording | null;
}

export interface ScenarioRecording {
  readonly options: ClusterOptions;
  readonly interventions: readonly RecordedIntervention[];
  /** Virtual ms when the scenario ended. */
  readonly until: number;
  /** Why the page cannot replay it (a command only the harness has), or null. */
  readonly unreplayable: string | null;
}

/** Commands that steer the harness itself: a page run has no equivalent. */
const HARNESS_ONLY = new Set(['hold', 'release']);

/** Every command of the file parsed before anything runs, so a typo fails at once. */
function parseAll(file: ScenarioFile): Array<Array<{ cmd: CommandLine; step: Step }>> {
  const steps = file.blocks.map((b) =>
    b.commands.map((cmd) => ({ cmd, step: parseCommand(cmd.words, cmd.line) })),
  );
  const first = steps[0]?.[0];
  if (first !== undefined && first.step.kind !== 'setup')
    throw new ScenarioError(first.cmd.line, 'a scenario begins with nodes N seed S');
  return steps;
}

/** The harness as an intervention target; KV calls are kept so `expect c1 ...` can read them. */
function target(w: World): InterventionTarget<unknown> {
  const c = w.cluster;
  return {
    crash: (id) => c.crash(id),
    restart: (id) => c.restart(id),
    expireElectionTimer: (id) => c.expireElectionTimer(id),
    submit: (id, command) => c.submit(id, command),
    transferLeadership: (from, to) => c.transferLeadership(from, to),
    disconnect: (id) => c.disconnect(id),
    reconnect: (id) => c.reconnect(id),
    partition: (...groups) => c.partition(...groups),
    heal: () => c.heal(),
    setLink: (from, to, up) => c.setLink(from, to, up),
    setNetwork: (opts) => c.setNetwork(opts),
    dropMessage: (id) => c.dropMessage(id),
    kvClient: (opts) => {
      const client = c.kvClient(opts);
      w.clients.set(client.id, { client, ops: [] });
      return client;
    },
    kvCall: (client, command): KvOp => {
      const entry = w.clients.get(client)!;
      const op = entry.client.call(command);
      entry.ops.push(op);
      return op;
    },
  };
}

/** Runs one step; its output lines. */
function runStep(w: World, step: Exclude<Step, { kind: 'setup' }>, cmd: CommandLine): string[] {
  const line = cmd.line;
  switch (step.kind) {
    case 'harness':
      return step.run(w);
    case 'intervention': {
      const results = step.actions(w).map((action) => {
        const problem = interventionProblem(action, w.cluster.size, [...w.clients.keys()]);
        if (problem !== null) throw new ScenarioError(line, problem);
        w.record?.(action);
        return applyIntervention(target(w), action);
      });
      return step.answer?.(results, w) ?? [];
    }
    case 'expect': {
      const actual = step.check(w, line);
      if (actual !== null)
        throw new ScenarioError(line, `${cmd.text}: not so at t=${w.cluster.now}: ${actual}`);
      return [];
    }
    case 'until': {
      const reached = w.cluster.runUntil(() => step.check(w, line) === null, step.withinMs);
      if (!reached) {
        const actual = step.check(w, line) ?? '';
        throw new ScenarioError(
          line,
          `${cmd.text}: not reached within ${step.withinMs} ms (t=${w.cluster.now}): ${actual}`,
        );
      }
      return [];
    }
  }
}

/**
 * A broken invariant fails the file, unless the scenario switched a rule off to show what
 * breaks: then each new violation is a line of the output (and `expect violated` names it).
 */
function newViolations(w: World, line: number, unsafe: boolean): string[] {
  const v = w.cluster.violations();
  if (!unsafe) {
    if (v.length > 0) throw new ScenarioError(line, `an invariant broke: ${v.join('; ')}`);
    return [];
  }
  const fresh = v.slice(w.violationsShown);
  w.violationsShown = v.length;
  return fresh.map((sentence) => `  broken: ${sentence}`);
}

export function runScenario(text: string): ScenarioRun {
  const file = parseScenario(text);
  const steps = parseAll(file);
  let world: World | null = null;
  let unsafe = false;
  let options: ClusterOptions | null = null;
  let recorded: RecordedIntervention[] = [];
  let unreplayable: string | null = null;
  let traceFrom = 0;
  const outputs: string[][] = [];
  const flush = (out: string[], line: number) => {
    if (world === null) return;
    const events = world.cluster.trace();
    if (events.length >= TRACE_EVENTS_MAX)
      throw new ScenarioError(
        line,
        `the scenario made ${TRACE_EVENTS_MAX} trace events: make it shorter`,
      );
    out.push(...renderTrace(events.slice(traceFrom), world.filter));
    traceFrom = events.length;
  };
  file.blocks.forEach((block: Block, i) => {
    const out: string[] = [];
    if (world !== null) world.blockTraceStart = world.cluster.trace().length;
    for (const { cmd, step } of steps[i]!) {
      flush(out, cmd.line);
      if (step.kind === 'setup') {
        if (world !== null)
          unreplayable ??= `line ${cmd.line}: the scenario makes a second cluster`;
        world = newWorld(createCluster(step.options));
        options = step.options;
        recorded = [];
        world.record = (action) => recorded.push({ at: world!.cluster.now, action });
        unsafe = (step.options.unsafe?.length ?? 0) > 0;
        traceFrom = 0;
        world.blockTraceStart = 0;
        continue;
      }
      if (world === null)
        throw new ScenarioError(cmd.line, 'no cluster yet: begin with nodes N seed S');
      if (HARNESS_ONLY.has(cmd.words[0] ?? ''))
        unreplayable ??= `line ${cmd.line}: ${cmd.words[0]} steers the test harness, which a page run cannot do`;
      out.push(...runStep(world, step, cmd));
      const broken = newViolations(world, cmd.line, unsafe);
      if (broken.length > 0) {
        flush(out, cmd.line);
        out.push(...broken);
      }
    }
    flush(out, block.line);
    outputs.push(out);
  });
  const w = world as World | null;
  const recording =
    w === null || options === null
      ? null
      : { options, interventions: recorded, until: w.cluster.now, unreplayable };
  return { file, outputs, recording };
}
