/**
 * embed.js: put the Raft playground in a course page and drive it.
 *
 *   import { mount } from 'https://…/raft-playground/embed.js';
 *   const app = mount(document.querySelector('#raft'), { nodes: 5, panels: ['timeline', 'cluster', 'logs'] });
 *   await app.ready;
 *   app.on('leader-elected', (e) => console.log(e.node, 'leads term', e.term));
 *   await app.crash('S1');
 *
 * Every command returns a promise: it resolves with the app's reply and rejects with an
 * Error whose message is the app's sentence. Built on its own (no app code inside).
 */
import type { PanelName } from './panels';
import {
  type AppEvent,
  type AppMessage,
  type ClusterStateMessage,
  type HostCommand,
  type NodeRef,
  PROTOCOL,
  PROTOCOL_VERSION,
} from './protocol';

export type {
  AppEvent,
  AppMessage,
  ClusterStateMessage,
  HostCommand,
  NodeRef,
  NodeState,
} from './protocol';
export { PROTOCOL, PROTOCOL_VERSION } from './protocol';

export interface MountOptions {
  /** The app's address; by default the folder this embed.js was loaded from. */
  readonly src?: string;
  readonly panels?: readonly PanelName[];
  /** A built-in lesson's id, or a lesson file's URL. */
  readonly lesson?: string;
  readonly nodes?: number;
  readonly seed?: number;
  readonly speed?: number | 'max';
  /** The viewer watches; only this page drives. */
  readonly lock?: boolean;
  readonly paused?: boolean;
  readonly theme?: 'light' | 'dark';
  /** CSS sizes of the iframe (default 100% × 420px). */
  readonly width?: string;
  readonly height?: string;
  /** The iframe's accessible name. */
  readonly title?: string;
}

export interface ReadyInfo {
  readonly lesson: { id: string; title: string; steps: number } | null;
  readonly panels: readonly PanelName[];
  readonly locked: boolean;
}

type EventKind = AppEvent['kind'];
type EventOf<K extends EventKind> = Extract<AppEvent, { kind: K }>;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class RaftPlayground {
  readonly iframe: HTMLIFrameElement;
  /** Resolves when the app is ready; replaced by a new promise whenever it reloads. */
  ready: Promise<ReadyInfo>;
  private resolveReady!: (info: ReadyInfo) => void;
  private readonly origin: string;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(value: never) => void>>();
  private nextId = 1;
  private isReady = false;

  constructor(container: HTMLElement, options: MountOptions = {}) {
    const url = appUrl(options);
    this.origin = url.origin;
    this.ready = this.newReady();
    this.iframe = document.createElement('iframe');
    this.iframe.src = url.toString();
    this.iframe.title = options.title ?? 'Raft playground';
    this.iframe.style.width = options.width ?? '100%';
    this.iframe.style.height = options.height ?? '420px';
    this.iframe.style.border = '1px solid #ccc';
    window.addEventListener('message', this.onMessage);
    container.appendChild(this.iframe);
  }

  /** Sends any command of the protocol; resolves with the reply's result. */
  async send(command: HostCommand): Promise<unknown> {
    await this.ready;
    const id = this.nextId++;
    const message = { protocol: PROTOCOL, version: PROTOCOL_VERSION, id, ...command };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.iframe.contentWindow?.postMessage(message, this.origin);
    });
  }

  /** Listens to one kind of event ('leader-elected', …), to 'state' (after subscribe), to 'ready', or to 'error' (an error the app sent with no command to blame). */
  on<K extends EventKind>(kind: K, listener: (event: EventOf<K>) => void): () => void;
  on(kind: 'state', listener: (state: ClusterStateMessage) => void): () => void;
  on(kind: 'ready', listener: (info: ReadyInfo) => void): () => void;
  on(kind: 'error', listener: (message: string) => void): () => void;
  on(kind: '*', listener: (event: AppEvent) => void): () => void;
  on(kind: string, listener: (value: never) => void): () => void {
    const set = this.listeners.get(kind) ?? new Set();
    set.add(listener);
    this.listeners.set(kind, set);
    return () => set.delete(listener);
  }

  getState(): Promise<ClusterStateMessage> {
    return this.send({ type: 'get-state' }) as Promise<ClusterStateMessage>;
  }
  /** State messages as the run goes (at most ten a second) to `on('state')`. */
  subscribe(): Promise<ClusterStateMessage> {
    return this.send({ type: 'subscribe', state: true }) as Promise<ClusterStateMessage>;
  }
  unsubscribe(): Promise<unknown> {
    return this.send({ type: 'unsubscribe' });
  }
  play(): Promise<unknown> {
    return this.send({ type: 'play' });
  }
  pause(): Promise<unknown> {
    return this.send({ type: 'pause' });
  }
  step(): Promise<unknown> {
    return this.send({ type: 'step' });
  }
  setSpeed(speed: number | 'max'): Promise<unknown> {
    return this.send({ type: 'set-speed', speed });
  }
  crash(node: NodeRef): Promise<unknown> {
    return this.send({ type: 'crash', node });
  }
  restart(node: NodeRef): Promise<unknown> {
    return this.send({ type: 'restart', node });
  }
  timeOut(node: NodeRef): Promise<unknown> {
    return this.send({ type: 'time-out', node });
  }
  /** The leader hands leadership over to `to` (§3.10). */
  transferLeadership(to: NodeRef): Promise<unknown> {
    return this.send({ type: 'transfer-leadership', to });
  }
  partition(...groups: NodeRef[][]): Promise<unknown> {
    return this.send({ type: 'partition', groups });
  }
  heal(): Promise<unknown> {
    return this.send({ type: 'heal' });
  }
  cutLink(from: NodeRef, to: NodeRef): Promise<unknown> {
    return this.send({ type: 'cut-link', from, to });
  }
  restoreLink(from: NodeRef, to: NodeRef): Promise<unknown> {
    return this.send({ type: 'restore-link', from, to });
  }
  /** A console line (SET x 1, GET x, …) from `client`, or the first client. */
  kv(command: string, client?: string): Promise<{ client: string }> {
    return this.send({
      type: 'kv',
      command,
      ...(client === undefined ? {} : { client }),
    }) as Promise<{ client: string }>;
  }
  selectNode(node: NodeRef | null): Promise<unknown> {
    return this.send({ type: 'select-node', node });
  }
  showPanels(...panels: PanelName[]): Promise<unknown> {
    return this.send({ type: 'show-panels', panels });
  }
  lock(): Promise<unknown> {
    return this.send({ type: 'lock' });
  }
  unlock(): Promise<unknown> {
    return this.send({ type: 'unlock' });
  }
  /** Opens a lesson (a built-in id, a URL, or a lesson file's JSON); resolves once it is ready. */
  loadLesson(lesson: string | object, step?: number): Promise<ReadyInfo> {
    return this.load({ type: 'load-lesson', lesson, ...(step === undefined ? {} : { step }) });
  }
  /** Replays a text scenario to its end; resolves once it is ready. */
  loadScenario(text: string): Promise<ReadyInfo> {
    return this.load({ type: 'load-scenario', text });
  }
  /** Opens a share link's run; resolves once it is ready. */
  loadRun(link: string): Promise<ReadyInfo> {
    return this.load({ type: 'load-run', link });
  }

  /** Removes the iframe and stops listening. */
  destroy(): void {
    window.removeEventListener('message', this.onMessage);
    this.iframe.remove();
    for (const p of this.pending.values()) p.reject(new Error('the playground was removed'));
    this.pending.clear();
  }

  private async load(command: HostCommand): Promise<ReadyInfo> {
    await this.send(command);
    // The app reloads with the new run: wait for it to say ready again.
    return this.ready;
  }

  private newReady(): Promise<ReadyInfo> {
    return new Promise((resolve) => {
      this.resolveReady = resolve;
    });
  }

  private readonly onMessage = (e: MessageEvent): void => {
    if (e.source !== this.iframe.contentWindow || e.origin !== this.origin) return;
    const m = e.data as AppMessage;
    if (typeof m !== 'object' || m === null || m.protocol !== PROTOCOL) return;
    switch (m.type) {
      case 'ready': {
        const info: ReadyInfo = { lesson: m.lesson, panels: m.panels, locked: m.locked };
        if (this.isReady) this.ready = Promise.resolve(info);
        this.isReady = true;
        this.resolveReady(info);
        this.emit('ready', info);
        return;
      }
      case 'reply':
        this.settle(m.id, (p) => p.resolve(m.result));
        if (isLoad(m.result)) {
          this.isReady = false;
          this.ready = this.newReady();
        }
        return;
      case 'state':
        if (m.id === null) this.emit('state', m.state);
        else this.settle(m.id, (p) => p.resolve(m.state));
        return;
      case 'error':
        if (m.id === null || !this.pending.has(Number(m.id))) this.emit('error', m.message);
        else this.settle(m.id, (p) => p.reject(new Error(m.message)));
        return;
      case 'event':
        this.emit(m.event.kind, m.event);
        this.emit('*', m.event);
        return;
    }
  };

  private settle(id: string | number | null, how: (p: Pending) => void): void {
    const key = Number(id);
    const p = this.pending.get(key);
    if (p === undefined) return;
    this.pending.delete(key);
    how(p);
  }

  private emit(kind: string, value: unknown): void {
    for (const listener of this.listeners.get(kind) ?? [])
      (listener as (v: unknown) => void)(value);
  }
}

/** Puts the playground in `container` (an iframe) and returns its handle. */
export function mount(container: HTMLElement, options: MountOptions = {}): RaftPlayground {
  return new RaftPlayground(container, options);
}

function isLoad(result: unknown): boolean {
  return (
    typeof result === 'object' &&
    result !== null &&
    (result as { loading?: unknown }).loading === true
  );
}

function appUrl(o: MountOptions): URL {
  const url = new URL(o.src ?? './', o.src === undefined ? import.meta.url : window.location.href);
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined) url.searchParams.set(name, String(value));
  };
  set('embed', 1);
  set('panels', o.panels?.join(','));
  set('lesson', o.lesson);
  set('nodes', o.nodes);
  set('seed', o.seed);
  set('speed', o.speed);
  set('lock', o.lock === undefined ? undefined : o.lock ? 1 : 0);
  set('paused', o.paused === undefined ? undefined : o.paused ? 1 : 0);
  set('theme', o.theme);
  // The app answers only this page (a file:// page has no origin to name).
  if (window.location.origin !== 'null') set('origin', window.location.origin);
  return url;
}
