/**
 * The page's session: the runtime controller of the current cluster, the store feed, and
 * the actions views call. Reset replaces the cluster (and wipes its databases) behind the
 * same actions.
 */
import { type ClusterConfig, newClusterConfig } from '../runtime/cluster-config';
import { saveClusterConfig } from '../runtime/config-store';
import { RuntimeController, type StartOptions } from '../runtime/controller';
import { installTestApi } from '../runtime/test-api';
import { type Actions, createActions } from './actions';
import { connectFeed } from './feed';
import { encodeSharedRun } from './share';
import { initialState, useStore } from './store/store';

export class Session {
  private current: RuntimeController;
  private disconnect: () => void;
  readonly actions: Actions;

  constructor(start: StartOptions) {
    this.current = this.launch(start);
    this.disconnect = connectFeed(this.current);
    this.actions = createActions(() => this.current);
  }

  get controller(): RuntimeController {
    return this.current;
  }

  /** Stops the cluster, deletes its databases, and starts a new one with `config`. */
  async reset(partial: Partial<Omit<ClusterConfig, 'version' | 'clusterId'>>): Promise<void> {
    const old = this.current;
    const config = newClusterConfig({ ...old.options.config, ...partial, storage: 'idb' });
    this.disconnect();
    await old.wipe().catch(() => old.dispose());
    saveClusterConfig(config);
    const s = useStore.getState();
    useStore.setState(initialState({ config, embed: s.embed, notices: s.notices }));
    this.current = this.launch({ config, speed: s.playback.speed, paused: false });
    this.disconnect = connectFeed(this.current);
  }

  /** A link that replays this run up to now (the current URL with a #run= fragment). */
  async shareLink(base: string): Promise<string> {
    const run = await this.current.exportRun();
    const c = run.config;
    const fragment = await encodeSharedRun({
      nodes: c.nodes,
      seed: c.seed,
      electionTimeoutMs: c.electionTimeoutMs,
      heartbeatMs: c.heartbeatMs,
      network: c.network,
      interventions: run.interventions,
      until: run.now,
    });
    const url = new URL(base);
    url.hash = fragment;
    return url.toString();
  }

  private launch(start: StartOptions): RuntimeController {
    const controller = new RuntimeController(start);
    useStore.setState({ config: start.config });
    if (import.meta.env.VITE_TEST_API === '1') installTestApi(controller);
    // Once a node runs in memory, a reload could not resume it: remember to start afresh.
    const unsubscribe = controller.subscribe(({ snapshot }) => {
      if (snapshot.nodes.some((n) => n.storage === 'memory')) {
        saveClusterConfig({ ...start.config, storage: 'memory' });
        unsubscribe();
      }
    });
    return controller;
  }
}
