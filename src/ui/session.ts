/**
 * The page's session: which cluster it opened, whether this page runs it (one page at a
 * time, see runtime/ownership.ts), the runtime controller while it does, the store feed,
 * and the actions views call. Reset, keep and delete change only the cluster they name.
 */

import type { LessonPlayer } from '../lessons/player';
import type { ClusterConfig } from '../runtime/cluster-config';
import {
  findCluster,
  freshConfig,
  homeOf,
  RegistryStore,
  type SavedCluster,
  withCluster,
  withoutCluster,
} from '../runtime/cluster-registry';
import { RuntimeController, type StartOptions } from '../runtime/controller';
import {
  browserEnvironment,
  type Claim,
  claimCluster,
  type OwnershipEnvironment,
  onTakeOverRequest,
  requestTakeOver,
} from '../runtime/ownership';
import { installTestApi } from '../runtime/test-api';
import { deleteClusterDatabases } from '../runtime/worker-cluster';
import type { FailingRun } from '../sim/find/failing-run';
import { type Actions, createActions } from './actions';
import type { Boot } from './boot';
import { lockGate } from './embed/lock-gate';
import { connectFeed } from './feed';
import { FailureFinder } from './find/finder';
import { foundRunOf, foundRunUrl } from './find/found-link';
import { reportingActions, startLesson } from './lesson/lesson-session';
import { openPage } from './navigate';
import { encodeSharedRun, type FoundNote, SHARE_START_ENTRIES_MAX, type SharedRun } from './share';
import { addNotice, initialState, useStore } from './store/store';

export class Session {
  private cluster: SavedCluster;
  private current: RuntimeController | null = null;
  private claim: Claim | null = null;
  private stopRunning: () => void = () => {};
  private waiting: AbortController | null = null;
  /** What the page's own controls call: refused while the host page has it locked. */
  readonly actions: Actions;
  /** What the host page's commands call (embed API): never locked. */
  readonly hostActions: Actions;
  /** The lesson this page plays, once its cluster runs here. */
  lesson: LessonPlayer | null = null;
  /** The failure finder (Break a rule): it opens the run it finds, shrunk. */
  readonly finder = new FailureFinder();

  constructor(
    private readonly boot: Boot,
    private readonly env: OwnershipEnvironment = browserEnvironment(),
    private readonly registry = new RegistryStore(),
  ) {
    this.cluster = boot.cluster;
    const actions = createActions(() => {
      if (this.current === null) throw new Error('This cluster is not running in this page.');
      return this.current;
    });
    this.hostActions = reportingActions(actions, () => this.lesson?.learnerActed());
    this.actions = lockGate(this.hostActions);
    useStore.setState({ config: boot.cluster.config, identity: identityOf(boot.cluster) });
    if (typeof document !== 'undefined')
      document.addEventListener('visibilitychange', () => this.waitWhileVisible());
    this.finder.subscribe(() => {
      const s = this.finder.state;
      if (s.phase === 'done') void foundRunUrl(s.run, window.location.href).then(openPage);
    });
  }

  /** The rule a run opened from the finder's link breaks, and when; null otherwise. */
  get found(): FoundNote | null {
    return this.boot.found;
  }

  /** That run, as a run file holds it (`npm run chaos -- --replay` reads it). */
  foundRun(): FailingRun | null {
    return foundRunOf(this.boot);
  }

  get controller(): RuntimeController | null {
    return this.current;
  }

  /** Runs the cluster here if no other page does; else says so and waits for it. */
  async open(): Promise<void> {
    useStore.setState({ ownership: 'claiming' });
    const claim = await claimCluster(this.env, this.id, { wait: false });
    if (claim !== null) {
      this.run(claim, this.boot.start);
      void this.sweepScratch();
      return;
    }
    useStore.setState({ ownership: 'elsewhere' });
    this.waitWhileVisible();
  }

  /** Asks the page that runs this cluster to let go; this page runs it once it has. */
  takeOver(): void {
    const o = useStore.getState().ownership;
    if (o !== 'elsewhere' && o !== 'released') return;
    useStore.setState({ ownership: 'taking-over' });
    this.waitForClaim();
    requestTakeOver(this.env, this.id);
  }

  /** Stops the cluster, deletes its databases, and starts a new one in its place. */
  async reset(partial: Partial<Omit<ClusterConfig, 'version' | 'clusterId'>>): Promise<void> {
    const old = this.requireRunning();
    const registry = this.registry.read().registry;
    const config = freshConfig(registry, { ...old.options.config, ...partial });
    const claim = await claimCluster(this.env, config.clusterId, { wait: false });
    if (claim === null) throw new Error('the new cluster id is in use by another page');
    const next: SavedCluster = { ...this.cluster, config };
    this.stopRunning();
    await old.wipe().catch(() => old.dispose());
    this.current = null;
    this.claim?.release();
    this.registry.update((r) =>
      withCluster(withoutCluster(r, this.cluster.config.clusterId), next),
    );
    this.cluster = next;
    const s = useStore.getState();
    useStore.setState(
      initialState({
        config,
        embed: s.embed,
        panels: s.panels,
        locked: s.locked,
        notices: s.notices,
        identity: identityOf(next),
        ownership: s.ownership,
      }),
    );
    this.run(claim, {
      config,
      speed: s.playback.speed,
      paused: false,
      fault: this.boot.start.fault,
    });
  }

  /** Keeps a run opened from a link or URL parameters as a saved cluster of this browser. */
  keep(): string {
    if (this.cluster.role !== 'scratch') return this.cluster.config.clusterId;
    const kept: SavedCluster = {
      ...this.cluster,
      role: 'kept',
      name: this.cluster.name.replace(/^New cluster/, 'Cluster'),
    };
    this.registry.update((r) => withCluster(r, kept));
    this.cluster = kept;
    useStore.setState({ identity: identityOf(kept) });
    return kept.config.clusterId;
  }

  /** The saved clusters of this browser, the user's own first. */
  savedClusters(): SavedCluster[] {
    const { clusters } = this.registry.read().registry;
    const home = clusters.filter((c) => c.role === 'home');
    return [...home, ...clusters.filter((c) => c.role === 'kept')];
  }

  /** Deletes another saved cluster and its data; refused while a page runs it. */
  async deleteSaved(id: string): Promise<void> {
    if (id === this.id) throw new Error('this page runs that cluster: use Reset instead');
    const saved = findCluster(this.registry.read().registry, id);
    if (saved === null) return;
    const claim = await claimCluster(this.env, id, { wait: false });
    if (claim === null)
      throw new Error(`“${saved.name}” is open in another tab: close it there first`);
    try {
      await deleteClusterDatabases(saved.config);
      this.registry.update((r) => withoutCluster(r, id));
    } finally {
      claim.release();
    }
  }

  /** This run up to now as a share link carries it (and a trace file). */
  async sharedRun(): Promise<{
    shared: SharedRun;
    trace: readonly unknown[];
    history: readonly unknown[];
  }> {
    const run = await this.requireRunning().exportRun();
    const entries = run.start?.state.reduce((n, s) => n + s.log.length, 0) ?? 0;
    if (entries > SHARE_START_ENTRIES_MAX)
      throw new Error(
        `this run resumed from storage with ${entries} log entries, and a link carries at most ${SHARE_START_ENTRIES_MAX}; reset the cluster to share a run from its start`,
      );
    const c = run.config;
    const shared: SharedRun = {
      nodes: c.nodes,
      seed: c.seed,
      electionTimeoutMs: c.electionTimeoutMs,
      heartbeatMs: c.heartbeatMs,
      network: c.network,
      interventions: run.interventions,
      until: run.now,
      ...(run.start === null ? {} : { start: run.start }),
      ...(c.unsafe === undefined ? {} : { unsafe: c.unsafe }),
      ...(c.entriesPerAppendMax === undefined
        ? {}
        : { entriesPerAppendMax: c.entriesPerAppendMax }),
      ...(c.inflightMax === undefined ? {} : { inflightMax: c.inflightMax }),
      ...(c.preVote === undefined ? {} : { preVote: c.preVote }),
      ...(c.checkQuorum === undefined ? {} : { checkQuorum: c.checkQuorum }),
      ...(c.readMode === undefined ? {} : { readMode: c.readMode }),
    };
    return { shared, trace: run.trace, history: run.history };
  }

  /** A link that replays this run up to now (the current URL with a #run= fragment). */
  async shareLink(base: string): Promise<string> {
    const fragment = await encodeSharedRun((await this.sharedRun()).shared);
    const url = new URL(base);
    // The link carries the run, not which of this browser's clusters it came from.
    url.searchParams.delete('cluster');
    url.hash = fragment;
    return url.toString();
  }

  private get id(): string {
    return this.cluster.config.clusterId;
  }

  private requireRunning(): RuntimeController {
    if (this.current === null) throw new Error('This cluster is not running in this page.');
    return this.current;
  }

  /**
   * Unasked (elsewhere, or taken over), a page waits for the cluster only while it is
   * visible: a tab in the background must not take it when its owner merely reloads.
   */
  private waitWhileVisible(): void {
    const o = useStore.getState().ownership;
    if (o !== 'elsewhere' && o !== 'released') return;
    if (typeof document === 'undefined' || document.visibilityState === 'visible') {
      this.waitForClaim();
    } else {
      this.waiting?.abort();
      this.waiting = null;
    }
  }

  private waitForClaim(): void {
    if (this.waiting !== null) return;
    const waiting = new AbortController();
    this.waiting = waiting;
    const done = () => {
      if (this.waiting === waiting) this.waiting = null;
    };
    claimCluster(this.env, this.id, { wait: true, signal: waiting.signal }).then(
      (claim) => {
        done();
        if (claim !== null) this.resumeAfterWait(claim);
      },
      (e: unknown) => {
        done();
        addNotice(`Could not open the cluster: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }

  /** The other page let go: run the cluster here, as the registry now has it. */
  private resumeAfterWait(claim: Claim): void {
    const registry = this.registry.read().registry;
    const now =
      findCluster(registry, this.id) ?? (this.cluster.role === 'home' ? homeOf(registry) : null);
    if (now === null || now.config.clusterId !== this.id) {
      // Reset or deleted in the other page meanwhile: start over from what is kept now.
      claim.release();
      if (now === null) {
        useStore.setState({ ownership: 'released' });
        addNotice('That cluster was deleted in another tab.');
        return;
      }
      this.cluster = now;
      useStore.setState({ config: now.config, identity: identityOf(now) });
      void this.open();
      return;
    }
    this.cluster = now;
    // The other page's run went on: start from what storage and the run record say now.
    const s = useStore.getState();
    useStore.setState(
      initialState({
        config: now.config,
        embed: s.embed,
        panels: s.panels,
        locked: s.locked,
        notices: s.notices,
        identity: identityOf(now),
        ownership: s.ownership,
      }),
    );
    this.run(claim, {
      config: now.config,
      speed: s.playback.speed,
      paused: false,
      fault: this.boot.start.fault,
    });
  }

  private run(claim: Claim, start: StartOptions): void {
    this.claim = claim;
    if (!claim.guarded)
      addNotice(
        'This browser cannot tell whether another tab runs this cluster (no Web Locks): keep it open in one tab only.',
      );
    if (this.cluster.role === 'scratch') {
      const entry = this.cluster;
      this.registry.update((r) => withCluster(r, entry));
    }
    const controller = new RuntimeController(start);
    this.current = controller;
    useStore.setState({ config: start.config, ownership: 'running' });
    if (import.meta.env.VITE_TEST_API === '1') installTestApi(controller);
    const disconnect = connectFeed(controller);
    const lesson = this.boot.lesson === null ? null : startLesson(this.boot.lesson, controller);
    this.lesson = lesson?.player ?? null;
    const stopListening = onTakeOverRequest(this.env, this.id, () => void this.letGo());
    // Once a node runs in memory, a reload could not resume it: remember to start afresh.
    const id = this.id;
    const unsubscribe = controller.subscribe(({ snapshot }) => {
      if (!snapshot.nodes.some((n) => n.storage === 'memory')) return;
      unsubscribe();
      this.registry.update((r) => {
        const saved = findCluster(r, id);
        return saved === null
          ? r
          : withCluster(r, { ...saved, config: { ...saved.config, storage: 'memory' } });
      });
    });
    this.stopRunning = () => {
      lesson?.stop();
      unsubscribe();
      stopListening();
      disconnect();
      this.stopRunning = () => {};
    };
  }

  /** Another page takes the cluster over: stop once every write has landed, then let go. */
  private async letGo(): Promise<void> {
    const controller = this.current;
    if (controller === null || useStore.getState().ownership !== 'running') return;
    useStore.setState({ ownership: 'releasing' });
    this.stopRunning();
    await controller.release().catch(() => {});
    controller.dispose();
    this.current = null;
    this.claim?.release();
    this.claim = null;
    useStore.setState({ ownership: 'released', view: null });
    this.waitWhileVisible();
  }

  /** Deletes the databases of runs that were never kept and that no page runs any more. */
  private async sweepScratch(): Promise<void> {
    const scratch = this.registry
      .read()
      .registry.clusters.filter((c) => c.role === 'scratch' && c.config.clusterId !== this.id);
    for (const entry of scratch) {
      const claim = await claimCluster(this.env, entry.config.clusterId, { wait: false });
      if (claim === null || !claim.guarded) {
        claim?.release();
        continue;
      }
      try {
        await deleteClusterDatabases(entry.config);
        this.registry.update((r) => withoutCluster(r, entry.config.clusterId));
      } finally {
        claim.release();
      }
    }
  }
}

function identityOf(c: SavedCluster) {
  return { id: c.config.clusterId, role: c.role, name: c.name };
}
