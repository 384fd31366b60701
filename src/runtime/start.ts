/** Starts the browser's cluster from the saved (or a new) configuration. */
import { loadClusterConfig, saveClusterConfig } from './config-store';
import { RuntimeController } from './controller';
import type { StorageFault } from './idb-storage';
import type { Speed } from './pacer';
import { installTestApi } from './test-api';

export interface RuntimeStart {
  readonly controller: RuntimeController;
  /** A saved configuration could not be used (shown to the user). */
  readonly configProblem: string | null;
  readonly resumed: boolean;
}

export function startRuntime(
  opts: { speed?: Speed; paused?: boolean; fault?: StorageFault | null } = {},
): RuntimeStart {
  const { config, problem, resumed } = loadClusterConfig();
  const testing = import.meta.env.VITE_TEST_API === '1';
  const controller = new RuntimeController({
    config,
    speed: opts.speed ?? 0.25,
    paused: opts.paused ?? false,
    fault: opts.fault ?? (testing ? faultFromUrl() : null),
  });
  if (testing) installTestApi(controller);
  // Once a node runs in memory, a reload could not resume it: remember to start afresh.
  const unsubscribe = controller.subscribe(({ snapshot }) => {
    if (snapshot.nodes.some((n) => n.storage === 'memory')) {
      saveClusterConfig({ ...config, storage: 'memory' });
      unsubscribe();
    }
  });
  return { controller, configProblem: problem, resumed };
}

/** Test builds only: ?storageFault=quota|unavailable|corrupt makes storage fail that way. */
function faultFromUrl(): StorageFault | null {
  const value = new URLSearchParams(globalThis.location?.search ?? '').get('storageFault');
  return value === 'quota' || value === 'unavailable' || value === 'corrupt' ? value : null;
}
