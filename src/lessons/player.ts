/**
 * Plays a lesson on the page's live cluster, step by step. Each step begins paused at the
 * moment the headless run (play.ts) began it; the player makes the step's interventions at
 * their recorded moments and plays the cluster to the step's recorded end, so the learner
 * sees the run `lesson check` played. Once the learner acts on their own, the run is theirs:
 * conditions are then watched frame by frame. Back, a step picked from the list and
 * Restart open that step's exact start again (navigate). No React here: views read `state`.
 */
import type { Intervention, RecordedIntervention } from '../sim/interventions';
import { interventionOf } from './actions';
import { conditionProblem, markOf, type StepMark } from './conditions';
import type { Lesson, LessonAction, LessonStep } from './format';
import { LESSON_WITHIN_MS_DEFAULT, type LessonRun } from './play';
import type { LessonWorld } from './world';

export type Phase = 'intro' | 'task' | 'running' | 'done';

export interface PlayerState {
  /** From 0. */
  readonly step: number;
  readonly phase: Phase;
  /** The learner's answer to the step's question. */
  readonly choice: number | null;
  /** At the end of the step: the choices that came true. */
  readonly answers: readonly number[] | null;
  /** Still the lesson's own run (no action of the learner's yet). */
  readonly onScript: boolean;
  /** Something to say about the step (a condition not reached, an action refused). */
  readonly note: string | null;
  /** The furthest step done. */
  readonly stepsDone: number;
}

/** What the player needs of the page's cluster. */
export interface LessonCluster {
  replay(rec: RecordedIntervention): Promise<unknown>;
  intervene(action: Intervention): Promise<unknown>;
  playTo(at: number): Promise<unknown>;
  pause(): Promise<unknown>;
  resume(): Promise<unknown>;
}

export class LessonPlayer {
  private current: PlayerState;
  private readonly listeners = new Set<() => void>();
  private world: LessonWorld | null = null;
  private paused = true;
  private mark: StepMark | null = null;
  private taskMark: StepMark | null = null;
  private runStart = 0;
  private target: number | null = null;

  constructor(
    readonly lesson: Lesson,
    private readonly run: LessonRun,
    step: number,
    private readonly cluster: LessonCluster,
    private readonly navigate: (step: number) => void,
    private readonly report: (message: string) => void,
  ) {
    this.current = {
      step,
      phase: 'intro',
      choice: null,
      answers: null,
      onScript: true,
      note: null,
      stepsDone: step,
    };
  }

  get state(): PlayerState {
    return this.current;
  }
  get stepSpec(): LessonStep {
    return this.lesson.steps[this.current.step]!;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Each frame of the live run. */
  observe(world: LessonWorld, paused: boolean): void {
    this.world = world;
    this.paused = paused;
    const s = this.current;
    const step = this.stepSpec;
    if (s.phase === 'task' && step.task !== undefined && this.taskMark !== null) {
      if (conditionProblem(step.task.done, world, this.taskMark) === null) this.startRunning();
    } else if (s.phase === 'running') this.watchRun(world);
  }

  /** The learner did something with the page's controls: from now on the run is theirs. */
  learnerActed(): void {
    if (this.current.onScript) this.set({ onScript: false });
    // A task the learner does plays out at the lesson's pace.
    if (this.current.phase === 'task') void this.quietly(this.cluster.resume());
  }

  choose(choice: number): void {
    if (this.current.phase === 'intro') this.set({ choice });
  }

  /** Whether the step can start: a question is answered first. */
  get canPlay(): boolean {
    const s = this.current;
    return s.phase === 'intro' && (this.stepSpec.predict === undefined || s.choice !== null);
  }

  async play(): Promise<void> {
    if (!this.canPlay || this.world === null) return;
    const step = this.stepSpec;
    this.mark = markOf(this.world);
    const planned = this.run.steps[this.current.step]!;
    const ok = await this.act(step.do ?? [], planned.actions);
    if (!ok) return;
    if (step.task !== undefined) {
      this.taskMark = markOf(this.world);
      this.set({ phase: 'task' });
      return;
    }
    this.startRunning();
  }

  /** The task's solution, as the lesson scripted it. */
  async showMe(): Promise<void> {
    const task = this.stepSpec.task;
    if (this.current.phase !== 'task' || task === undefined) return;
    const planned = this.run.steps[this.current.step]!;
    await this.act(task.solution, planned.solution);
    if (!this.current.onScript) void this.quietly(this.cluster.resume());
  }

  next(): void {
    const s = this.current;
    if (s.phase !== 'done' || s.step + 1 >= this.lesson.steps.length) return;
    this.mark = null;
    this.taskMark = null;
    this.set({ step: s.step + 1, phase: 'intro', choice: null, answers: null, note: null });
  }

  /** Opens a step at its exact start (the page reloads there). */
  goTo(step: number): void {
    if (step >= 0 && step < this.lesson.steps.length) this.navigate(step);
  }

  private async act(actions: readonly LessonAction[], planned: readonly RecordedIntervention[]) {
    try {
      if (this.current.onScript) {
        for (const rec of planned) await this.cluster.replay(rec);
        return true;
      }
      for (const action of actions) {
        const w = this.world!;
        const intervention = interventionOf(action, {
          size: w.size,
          leader: w.leader(),
          clients: w.clients(),
        });
        if (typeof intervention === 'string') {
          this.set({ note: `The lesson's action cannot run in this run: ${intervention}.` });
          return false;
        }
        await this.cluster.intervene(intervention);
      }
      return true;
    } catch (e) {
      this.report(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  private startRunning(): void {
    const step = this.stepSpec;
    const w = this.world!;
    this.runStart = w.now;
    this.set({ phase: 'running' });
    if (this.current.onScript) this.target = this.run.steps[this.current.step]!.endAt;
    else if (step.until !== undefined) this.target = null;
    else this.target = w.now + (step.runMs ?? 0);
    if (this.target !== null && this.target <= w.now) {
      void this.quietly(this.cluster.pause());
      this.finish(w);
      return;
    }
    void this.quietly(
      this.target === null ? this.cluster.resume() : this.cluster.playTo(this.target),
    );
  }

  private watchRun(w: LessonWorld): void {
    const step = this.stepSpec;
    if (this.target !== null) {
      if (this.paused && w.now >= this.target) this.finish(w);
      return;
    }
    const until = step.until!;
    if (conditionProblem(until, w, this.mark!) === null) {
      void this.quietly(this.cluster.pause());
      this.finish(w);
      return;
    }
    const within = step.withinMs ?? LESSON_WITHIN_MS_DEFAULT;
    if (w.now - this.runStart > within) {
      void this.quietly(this.cluster.pause());
      const why = conditionProblem(until, w, this.mark!);
      this.finish(
        w,
        `In this run the step's goal was not reached within ${within} ms (${why}). Rewind the step to see it as the lesson plays it.`,
      );
    }
  }

  private finish(w: LessonWorld, note: string | null = null): void {
    const choices = this.stepSpec.predict?.choices;
    const answers =
      choices === undefined
        ? null
        : choices.flatMap((c, k) =>
            conditionProblem(c.when, w, this.mark ?? markOf(w)) === null ? [k] : [],
          );
    const stepsDone = Math.max(this.current.stepsDone, this.current.step + 1);
    this.set({ phase: 'done', answers, note, stepsDone });
  }

  private async quietly(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (e) {
      this.report(e instanceof Error ? e.message : String(e));
    }
  }

  private set(patch: Partial<PlayerState>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l();
  }
}
