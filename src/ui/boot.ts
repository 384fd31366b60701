/**
 * What the page starts with: a shared run (#run=...), URL parameters (nodes, seed, speed,
 * embed), the saved cluster (a reload resumes it), or a new one. Problems become notices.
 */
import { newClusterConfig } from '../runtime/cluster-config';
import { loadClusterConfig, saveClusterConfig } from '../runtime/config-store';
import type { StartOptions } from '../runtime/controller';
import type { StorageFault } from '../runtime/idb-storage';
import { DEFAULT_SPEED } from './defaults';
import { decodeSharedRun } from './share';
import { parseUrlSettings } from './url-params';

export { DEFAULT_SPEED } from './defaults';

export interface Boot {
  readonly start: StartOptions;
  readonly embed: boolean;
  readonly notices: readonly string[];
}

export async function bootFromLocation(location: { search: string; hash: string }): Promise<Boot> {
  const url = parseUrlSettings(location.search);
  const notices = [...url.problems];
  const speed = url.speed ?? DEFAULT_SPEED;
  const fault = import.meta.env.VITE_TEST_API === '1' ? faultFromSearch(location.search) : null;
  const shared = await decodeSharedRun(location.hash);
  if (typeof shared === 'string') notices.push(`The link's run could not be replayed: ${shared}.`);
  if (shared !== null && typeof shared !== 'string') {
    const { interventions, until, ...settings } = shared;
    const config = newClusterConfig(settings);
    saveClusterConfig(config);
    notices.push(
      `Replaying a shared run: ${interventions.length} interventions up to ${Math.round(until)} ms, then paused.`,
    );
    return {
      start: { config, speed, paused: true, fault, script: { interventions, until } },
      embed: url.embed,
      notices,
    };
  }
  const loaded = loadClusterConfig();
  if (loaded.problem !== null) notices.push(`A new cluster was started: ${loaded.problem}.`);
  let config = loaded.config;
  const wanted = { nodes: url.nodes ?? config.nodes, seed: url.seed ?? config.seed };
  if (wanted.nodes !== config.nodes || wanted.seed !== config.seed) {
    config = newClusterConfig({ ...config, ...wanted });
    saveClusterConfig(config);
  }
  return { start: { config, speed, paused: false, fault }, embed: url.embed, notices };
}

/** Test builds only: ?storageFault=quota|unavailable|corrupt makes storage fail that way. */
function faultFromSearch(search: string): StorageFault | null {
  const value = new URLSearchParams(search).get('storageFault');
  return value === 'quota' || value === 'unavailable' || value === 'corrupt' ? value : null;
}
