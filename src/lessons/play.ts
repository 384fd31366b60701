/**
 * Plays a lesson headlessly in the simulator, as `lesson check` does and as the page's
 * player follows: each step's actions, then its task done by the scripted solution, then
 * its condition, within their bounds. Deterministic: the same lesson gives the same run.
 */
import { SimCluster } from '../sim/cluster';
import type { RecordedIntervention } from '../sim/interventions';
import { interventionOf } from './actions';
import { conditionProblem, markOf, type StepMark } from './conditions';
import type { Condition, Lesson, LessonAction, LessonProblem } from './format';
import { type LessonWorld, simWorld } from './world';

/** How long a condition may take when the lesson does not say. */
export const LESSON_WITHIN_MS_DEFAULT = 5000;

export interface StepRun {
  readonly startAt: number;
  readonly endAt: number;
  /** The interventions the step made (its actions and its task's solution). */
  readonly interventions: readonly RecordedIntervention[];
  /** The prediction's choices that hold at the step's end (what the cluster did). */
  readonly answers: readonly number[];
}

export interface LessonRun {
  readonly steps: readonly StepRun[];
  readonly problems: readonly LessonProblem[];
}

export function lessonOptions(lesson: Lesson) {
  const c = lesson.cluster;
  return {
    nodes: c.nodes,
    seed: c.seed,
    ...(c.electionTimeoutMs === undefined ? {} : { electionTimeoutMs: c.electionTimeoutMs }),
    ...(c.heartbeatMs === undefined ? {} : { heartbeatMs: c.heartbeatMs }),
    ...(c.network === undefined ? {} : { network: c.network }),
  };
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
    const interventions: RecordedIntervention[] = [];
    const act = (actions: readonly LessonAction[], path: string): boolean => {
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
    if (!act(step.do ?? [], `${at}.do`)) break;
    if (step.task !== undefined) {
      const taskMark = markOf(world);
      if (!act(step.task.solution, `${at}.task.solution`)) break;
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
    const broken = cluster.violations();
    if (broken.length > 0) {
      problem(at, `Raft's safety was broken: ${broken[0]}`);
      break;
    }
    steps.push({ startAt, endAt: cluster.now, interventions, answers });
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
  if (cluster.runUntil(holds, within)) return null;
  return conditionProblem(c, world, mark);
}
