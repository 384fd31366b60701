/**
 * Plays a lesson headlessly in the simulator, as `lesson check` does and as the page's
 * player follows: each step's actions, then its task done by the scripted solution, then
 * its condition, within their bounds. Deterministic: the same lesson gives the same run.
 * A step ends at a whole moment (every event of its last instant done), where the page's
 * live run can pause exactly, so the page shows each step as it was played here.
 */
import { type ClusterConfig, clusterOptionsOf, newClusterConfig } from '../runtime/cluster-config';
import { SimCluster } from '../sim/cluster';
import type { RecordedIntervention } from '../sim/interventions';
import type { ClusterOptions } from '../sim/types';
import { interventionOf } from './actions';
import { conditionProblem, markOf, type StepMark } from './conditions';
import type { Condition, Lesson, LessonAction, LessonProblem } from './format';
import { type LessonWorld, simWorld } from './world';

/** How long a condition may take when the lesson does not say. */
export const LESSON_WITHIN_MS_DEFAULT = 5000;

export interface StepRun {
  readonly startAt: number;
  readonly endAt: number;
  /** The interventions of its actions (`do`), at the step's start. */
  readonly actions: readonly RecordedIntervention[];
  /** The interventions of its task's solution, right after them. */
  readonly solution: readonly RecordedIntervention[];
  /** The prediction's choices that hold at the step's end (what the cluster did). */
  readonly answers: readonly number[];
}

export interface LessonRun {
  readonly steps: readonly StepRun[];
  readonly problems: readonly LessonProblem[];
}

/**
 * The settings of a lesson's cluster: what the lesson says, and the page's defaults for
 * the rest (a new cluster in the page), so the headless run and the page's are one run.
 */
export function lessonSettings(lesson: Lesson): Omit<ClusterConfig, 'version' | 'clusterId'> {
  const c = lesson.cluster;
  const {
    version: _,
    clusterId: __,
    ...defaults
  } = newClusterConfig({ nodes: c.nodes, seed: c.seed });
  return {
    ...defaults,
    ...(c.electionTimeoutMs === undefined ? {} : { electionTimeoutMs: c.electionTimeoutMs }),
    ...(c.heartbeatMs === undefined ? {} : { heartbeatMs: c.heartbeatMs }),
    ...(c.entriesPerAppend === undefined ? {} : { entriesPerAppendMax: c.entriesPerAppend }),
    ...(c.unsafe === undefined || c.unsafe.length === 0 ? {} : { unsafe: c.unsafe }),
    ...(c.preVote === true ? { preVote: true } : {}),
    ...(c.checkQuorum === true ? { checkQuorum: true } : {}),
    ...(c.readMode === undefined || c.readMode === 'log' ? {} : { readMode: c.readMode }),
    network: { ...defaults.network, ...c.network },
  };
}

export function lessonOptions(lesson: Lesson): ClusterOptions {
  return clusterOptionsOf({ version: 0, clusterId: 'lesson', ...lessonSettings(lesson) });
}

/** Plays every step; it stops at the first step that cannot go on. */
export function playLesson(lesson: Lesson): LessonRun {
  const cluster = new SimCluster(lessonOptions(lesson));
  const world = simWorld(cluster);
  const steps: StepRun[] = [];
  const problems: LessonProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  for (const [i, step] of lesson.steps.entries()) {
    const at = `steps[${i}]`;
    const startAt = cluster.now;
    const mark = markOf(world);
    const act = (
      actions: readonly LessonAction[],
      path: string,
      interventions: RecordedIntervention[],
    ): boolean => {
      for (const [j, action] of actions.entries()) {
        const intervention = interventionOf(action, {
          size: cluster.size,
          leader: cluster.leader(),
          clients: cluster.kvClientIds(),
        });
        if (typeof intervention === 'string') {
          problem(`${path}[${j}]`, intervention);
          return false;
        }
        const rec = { at: cluster.now, pops: cluster.pops, action: intervention };
        cluster.replay(rec);
        interventions.push(rec);
      }
      return true;
    };
    const actions: RecordedIntervention[] = [];
    const solution: RecordedIntervention[] = [];
    if (!act(step.do ?? [], `${at}.do`, actions)) break;
    if (step.task !== undefined) {
      const taskMark = markOf(world);
      if (!act(step.task.solution, `${at}.task.solution`, solution)) break;
      const within = step.task.withinMs ?? LESSON_WITHIN_MS_DEFAULT;
      const missed = waitFor(cluster, world, step.task.done, taskMark, within);
      if (missed !== null) {
        problem(
          `${at}.task.done`,
          `the solution does not complete the task within ${within} ms: ${missed}`,
        );
        break;
      }
    }
    if (step.until !== undefined) {
      const within = step.withinMs ?? LESSON_WITHIN_MS_DEFAULT;
      const missed = waitFor(cluster, world, step.until, mark, within);
      if (missed !== null) {
        problem(`${at}.until`, `not reached within ${within} ms: ${missed}`);
        break;
      }
    } else if (step.runMs !== undefined) cluster.run(step.runMs);
    const answers = (step.predict?.choices ?? []).flatMap((choice, k) =>
      conditionProblem(choice.when, world, mark) === null ? [k] : [],
    );
    if (step.predict !== undefined && answers.length === 0)
      problem(`${at}.predict`, 'no choice matches what the cluster did, so no answer can be shown');
    // With a rule switched off, breaking safety is the lesson; in plain Raft it is a bug.
    const broken = lesson.cluster.unsafe?.length ? [] : cluster.violations();
    if (broken.length > 0) {
      problem(at, `Raft's safety was broken: ${broken[0]}`);
      break;
    }
    steps.push({ startAt, endAt: cluster.now, actions, solution, answers });
  }
  return { steps, problems };
}

/** Runs until the condition holds, at most `within` ms; null, or what is so instead. */
function waitFor(
  cluster: SimCluster,
  world: LessonWorld,
  c: Condition,
  mark: StepMark,
  within: number,
): string | null {
  const holds = () => conditionProblem(c, world, mark) === null;
  if (!cluster.runUntil(holds, within)) return conditionProblem(c, world, mark);
  // Every event of that instant too: the page pauses a live run there (playTo).
  cluster.run(0);
  return null;
}
