/**
 * Connects a lesson's player to the page's running cluster: frames in (a LiveWorld), the
 * player's interventions out through the controller, and every user action reported to
 * the player (its run is then the learner's own).
 */
import { LiveWorld } from '../../lessons/live-world';
import { LessonPlayer } from '../../lessons/player';
import { lessonStepUrl } from '../../lessons/source';
import { resolveRef } from '../../lessons/world';
import type { RuntimeController } from '../../runtime/controller';
import type { Actions } from '../actions';
import type { LessonBoot } from '../boot';
import { openPage } from '../navigate';
import { addNotice, useStore } from '../store/store';
import { saveProgress } from './progress';

export function startLesson(
  boot: LessonBoot,
  controller: RuntimeController,
): {
  player: LessonPlayer;
  stop: () => void;
} {
  const { choice, run } = boot;
  const addClient = (reply: unknown) => {
    const id = (reply as { id?: unknown } | null)?.id;
    if (typeof id === 'string')
      useStore.setState((s) => ({ clients: [...new Set([...s.clients, id])] }));
  };
  const player = new LessonPlayer(
    choice.lesson,
    run,
    choice.step,
    {
      replay: async (rec) => {
        const reply = await controller.replay(rec);
        if (rec.action.type === 'addClient') addClient(reply);
        return reply;
      },
      intervene: async (action) => {
        const reply = await controller.intervene(action);
        if (action.type === 'addClient') addClient(reply);
        return reply;
      },
      playTo: (at) => controller.playTo(at),
      pause: () => controller.pause(),
      resume: () => controller.resume(),
    },
    (step) => openPage(lessonStepUrl(choice.source, step)),
    addNotice,
  );
  const stopSaving = player.subscribe(() => saveProgress(choice.lesson.id, player.state.stepsDone));
  // What the step points at, its "leader" resolved when the step is shown.
  let shownStep = -1;
  const point = () => {
    if (player.state.step === shownStep) return;
    shownStep = player.state.step;
    const h = player.stepSpec.highlight;
    const at = { size: world.size, leader: world.leader() };
    const idOf = (ref: string) => {
      const id = resolveRef(ref, at);
      return typeof id === 'number' ? [id] : [];
    };
    const nodes = (h?.nodes ?? []).flatMap(idOf);
    const entries = (h?.entries ?? []).flatMap((e) =>
      idOf(e.node).map((node) => ({ node, index: e.index })),
    );
    useStore.setState({ highlight: { nodes, messageTypes: h?.messages ?? [], entries } });
  };
  const stopPointing = player.subscribe(point);
  const world = new LiveWorld(choice.lesson.cluster.nodes, () => useStore.getState().clients);
  const unsubscribe = controller.subscribe((frame) => {
    world.update(frame.snapshot, controller.kv);
    player.observe(world, frame.paused);
    point();
  });
  return {
    player,
    stop: () => {
      unsubscribe();
      stopSaving();
      stopPointing();
    },
  };
}

/** The same actions, each also telling `onAct` that the user acted. */
export function reportingActions(actions: Actions, onAct: () => void): Actions {
  const told =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    (...args: A): R => {
      onAct();
      return f(...args);
    };
  return {
    ...actions,
    act: told(actions.act),
    addClient: told(actions.addClient),
    kv: told(actions.kv),
    resume: told(actions.resume),
    togglePause: told(actions.togglePause),
    step: told(actions.step),
  };
}
