import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimCluster } from '../sim/cluster';
import { applyIntervention } from '../sim/interventions';
import { parseLesson } from './check';
import { lessonOptions, playLesson } from './play';
import { LessonPlayer } from './player';
import { simWorld } from './world';

/** The page's cluster, played by hand: playTo runs to the target and pauses there. */
function harness(file: string, step = 0) {
  const lesson = parseLesson(readFileSync(file, 'utf8')).lesson!;
  const run = playLesson(lesson);
  const cluster = new SimCluster(lessonOptions(lesson));
  const world = simWorld(cluster);
  let paused = true;
  let target: number | null = null;
  const navigated: number[] = [];
  const player = new LessonPlayer(
    lesson,
    run,
    step,
    {
      replay: async (rec) => cluster.replay(rec),
      intervene: async (action) => applyIntervention(cluster, action),
      playTo: async (at) => {
        target = at;
        paused = false;
      },
      pause: async () => {
        paused = true;
        target = null;
      },
      resume: async () => {
        paused = false;
      },
    },
    (s) => navigated.push(s),
    (message) => {
      throw new Error(message);
    },
  );
  /** One frame: the cluster moves on (to the target, or 10 ms), and the player looks. */
  const frame = async () => {
    await Promise.resolve();
    if (!paused) {
      const to = target ?? cluster.now + 10;
      cluster.run(Math.max(0, Math.min(to, cluster.now + 10) - cluster.now));
      if (target !== null && cluster.now >= target) {
        paused = true;
        target = null;
      }
    }
    player.observe(world, paused);
  };
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 2000 && !done(); i++) await frame();
    expect(done()).toBe(true);
  };
  return { lesson, run, cluster, player, frame, until, navigated };
}

describe('the lesson player', () => {
  it('plays every step as the headless run did, answers and all', async () => {
    const { lesson, run, player, frame, until, cluster } = harness('lessons/05-partition.json');
    await frame();
    for (let k = 0; k < lesson.steps.length; k++) {
      expect(player.state.step).toBe(k);
      if (lesson.steps[k]!.predict !== undefined) player.choose(0);
      await player.play();
      await frame();
      if (player.state.phase === 'task') await player.showMe();
      await until(() => player.state.phase === 'done');
      expect(cluster.now).toBe(run.steps[k]!.endAt);
      if (lesson.steps[k]!.predict !== undefined)
        expect(player.state.answers).toEqual(run.steps[k]!.answers);
      expect(player.state.onScript).toBe(true);
      player.next();
    }
    expect(player.state.stepsDone).toBe(lesson.steps.length);
  });

  it('waits for a question to be answered before a step runs', async () => {
    const { player, frame } = harness('lessons/01-leader-election.json');
    await frame();
    expect(player.canPlay).toBe(false);
    await player.play();
    expect(player.state.phase).toBe('intro');
    player.choose(1);
    expect(player.canPlay).toBe(true);
  });

  it('sees a task the learner did, and goes on in the learner’s own run', async () => {
    const { player, frame, until, cluster } = harness('lessons/01-leader-election.json');
    await frame();
    for (let k = 0; k < 3; k++) {
      if (player.stepSpec.predict !== undefined) player.choose(0);
      await player.play();
      await until(() => player.state.phase === 'done');
      player.next();
    }
    player.choose(0);
    await player.play();
    expect(player.state.phase).toBe('task');
    // The learner crashes the leader with the page's controls.
    cluster.crash(cluster.leader()!);
    player.learnerActed();
    await until(() => player.state.phase === 'done');
    expect(player.state.onScript).toBe(false);
    expect(player.state.answers).toEqual([0]);
    expect(player.state.note).toBeNull();
  });

  it('opens a step again at its start: back, a step from the list, rewind', () => {
    const { player, navigated } = harness('lessons/05-partition.json', 2);
    player.goTo(1);
    player.goTo(2);
    player.goTo(99);
    expect(navigated).toEqual([1, 2]);
  });
});
