/**
 * The app's end of the embedding API: it listens to its parent window only (and, with
 * origin=, only to those origins), carries out each command, answers every message (an
 * error for a bad one, never a throw), and tells the host what happens in the run.
 */
import {
  type AppEvent,
  type AppMessage,
  type HostCommand,
  PROTOCOL,
  PROTOCOL_VERSION,
} from '../../embed/protocol';
import type { LessonPlayer, PlayerState } from '../../lessons/player';
import type { RuntimeController } from '../../runtime/controller';
import type { Intervention } from '../../sim/interventions';
import { interventionProblem } from '../../sim/interventions';
import { parseCommandLine } from '../console/command-line';
import { referenceLeader } from '../log/markers';
import type { Session } from '../session';
import { selectNode, useStore } from '../store/store';
import { nodeOf, type ReadMessage, readHostMessage } from './host-commands';
import { clusterStateOf, HostEventReader } from './host-events';
import { loadUrl } from './load-url';

type Body = AppMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'protocol' | 'version'>
    : never
  : never;

/** State messages to a subscribed host, at most this often (wall-clock ms). */
const STATE_EVERY_MS = 100;

export function connectHost(
  session: Session,
  origins: readonly string[] | null,
  win: Window = window,
): () => void {
  const parent = win.parent;
  if (parent === win) return () => {};
  /** Where unasked messages go: the origin that last spoke to us, else every allowed one. */
  let hostOrigin: string | null = null;
  const post = (body: Body, origin?: string) => {
    const message = { protocol: PROTOCOL, version: PROTOCOL_VERSION, ...body } as AppMessage;
    const targets = origin ?? hostOrigin;
    for (const target of targets !== null ? [targets] : (origins ?? ['*']))
      parent.postMessage(message, target);
  };
  let subscribed = false;
  let lastState = 0;
  const stopWatching: Array<() => void> = [];

  const ready = () => {
    const lesson = session.lesson;
    post({
      type: 'ready',
      lesson:
        lesson === null
          ? null
          : { id: lesson.lesson.id, title: lesson.lesson.title, steps: lesson.lesson.steps.length },
      panels: useStore.getState().panels,
      locked: useStore.getState().locked,
    });
  };

  const emit = (event: AppEvent) => post({ type: 'event', event });

  const watchController = (controller: RuntimeController) => {
    const reader = new HostEventReader();
    stopWatching.push(
      controller.subscribe(({ snapshot }) => {
        for (const event of reader.read(snapshot.trace, snapshot.violations)) emit(event);
        const now = performance.now();
        if (subscribed && now - lastState >= STATE_EVERY_MS) {
          lastState = now;
          post({ type: 'state', id: null, state: clusterStateOf(useStore.getState()) });
        }
      }),
    );
    if (session.lesson !== null) stopWatching.push(watchLesson(session.lesson, emit));
    ready();
  };

  // The cluster starts after this is connected: say ready once it draws its first frame.
  let watched: RuntimeController | null = null;
  const unsubscribeStore = useStore.subscribe((s, before) => {
    const controller = session.controller;
    if (controller !== null && controller !== watched && s.view !== null) {
      watched = controller;
      watchController(controller);
    }
    const v = s.history.verdict;
    if (v !== before.history.verdict && v.status !== 'checking' && v.status !== 'unchecked')
      emit({
        kind: 'history-checked',
        status:
          v.status === 'ok'
            ? 'linearizable'
            : v.status === 'illegal'
              ? 'not-linearizable'
              : 'unknown',
        operations: s.history.checkedOps,
      });
  });

  const onMessage = (e: MessageEvent) => {
    if (e.source !== parent) return;
    if (origins !== null && !origins.includes(e.origin)) return;
    hostOrigin = e.origin;
    const read: ReadMessage = readHostMessage(e.data);
    if (!read.ok) {
      post({ type: 'error', id: read.id, message: read.error }, e.origin);
      return;
    }
    carryOut(session, read.command, win).then(
      (result) => {
        if (read.command.type === 'subscribe') subscribed = read.command.state !== false;
        if (read.command.type === 'unsubscribe') subscribed = false;
        if (read.command.type === 'get-state' || read.command.type === 'subscribe')
          post(
            { type: 'state', id: read.id, state: clusterStateOf(useStore.getState()) },
            e.origin,
          );
        else post({ type: 'reply', id: read.id, result: result ?? null }, e.origin);
      },
      (error: unknown) =>
        post(
          {
            type: 'error',
            id: read.id,
            message: error instanceof Error ? error.message : String(error),
          },
          e.origin,
        ),
    );
  };
  win.addEventListener('message', onMessage);
  return () => {
    win.removeEventListener('message', onMessage);
    unsubscribeStore();
    for (const stop of stopWatching) stop();
  };
}

/** Does what the host asked; resolves to the reply's result, rejects with a sentence. */
async function carryOut(session: Session, c: HostCommand, win: Window): Promise<unknown> {
  const url = loadUrl(win.location.href, c);
  if (url !== null) {
    const target = await url;
    // Answer first: the page reloads with the new run and says ready again.
    setTimeout(() => win.location.replace(target), 0);
    return { loading: true };
  }
  const controller = session.controller;
  const view = useStore.getState().view;
  if (controller === null || view === null)
    throw new Error('the cluster is not running yet: wait for the ready message');
  const size = view.nodes.length;
  const node = (ref: string | number): number => {
    const id = nodeOf(ref, size);
    if (typeof id === 'string') throw new Error(id);
    return id;
  };
  const actions = session.hostActions;
  switch (c.type) {
    case 'get-state':
    case 'subscribe':
    case 'unsubscribe':
      return null;
    case 'play':
      actions.resume();
      return null;
    case 'pause':
      actions.pause();
      return null;
    case 'step':
      actions.step();
      return null;
    case 'set-speed':
      actions.setSpeed(c.speed);
      return null;
    case 'crash':
      return intervene(session, { type: 'crash', node: node(c.node) });
    case 'restart':
      return intervene(session, { type: 'restart', node: node(c.node) });
    case 'time-out':
      return intervene(session, { type: 'expireElectionTimer', node: node(c.node) });
    case 'transfer-leadership': {
      const view = useStore.getState().view;
      const leader = view === null ? null : referenceLeader(view.nodes, view.leader);
      if (leader === null) throw new Error('there is no leader to hand leadership over');
      return intervene(session, { type: 'transferLeadership', from: leader, to: node(c.to) });
    }
    case 'partition':
      return intervene(session, { type: 'partition', groups: c.groups.map((g) => g.map(node)) });
    case 'heal':
      return intervene(session, { type: 'heal' });
    case 'cut-link':
    case 'restore-link':
      return intervene(session, {
        type: 'setLink',
        from: node(c.from),
        to: node(c.to),
        up: c.type === 'restore-link',
      });
    case 'kv':
      return kv(session, c.command, c.client);
    case 'select-node':
      selectNode(c.node === null ? null : node(c.node));
      return null;
    case 'show-panels':
      useStore.setState({ panels: c.panels });
      return null;
    case 'lock':
    case 'unlock':
      useStore.setState({ locked: c.type === 'lock' });
      return null;
    case 'load-lesson':
    case 'load-run':
    case 'load-scenario':
      return null;
  }
}

async function intervene(session: Session, action: Intervention): Promise<unknown> {
  const s = useStore.getState();
  if (s.playback.inspecting !== null)
    throw new Error('the page shows a past moment: play to go live first');
  const problem = interventionProblem(action, s.view?.nodes.length ?? 0, s.clients);
  if (problem !== null) throw new Error(problem);
  session.lesson?.learnerActed();
  await session.controller!.intervene(action);
  return null;
}

/** Sends a console line from `client`, or from the first client (made if there is none). */
async function kv(session: Session, text: string, client?: string): Promise<unknown> {
  const parsed = parseCommandLine(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const clients = useStore.getState().clients;
  const named = client ?? clients[0] ?? null;
  if (named !== null && !clients.includes(named))
    throw new Error(`no KV client ${named}: clients are ${clients.join(', ') || 'none yet'}`);
  const from = named ?? (await session.hostActions.addClient());
  if (from === null) throw new Error('could not add a KV client');
  session.hostActions.kv(from, parsed.command);
  return { client: from };
}

/** The lesson's events: each step reached, each task done, each prediction answered. */
function watchLesson(player: LessonPlayer, emit: (e: AppEvent) => void): () => void {
  let before: PlayerState = player.state;
  emit({ kind: 'lesson-step', step: before.step + 1, title: player.stepSpec.title ?? null });
  return player.subscribe(() => {
    const now = player.state;
    if (now.step !== before.step)
      emit({ kind: 'lesson-step', step: now.step + 1, title: player.stepSpec.title ?? null });
    else if (before.phase === 'task' && now.phase !== 'task' && now.phase !== 'intro')
      emit({ kind: 'task-done', step: now.step + 1 });
    if (before.answers === null && now.answers !== null && now.choice !== null)
      emit({
        kind: 'prediction-answered',
        step: now.step + 1,
        choice: now.choice,
        right: now.answers.includes(now.choice),
      });
    before = now;
  });
}
