/**
 * URL parameters for links and embedding: nodes, seed, speed, embed=1, cluster=ID, unsafe=NAME. A bad value falls
 * back to the default and says so; it never stops the page.
 */
import { APP_NODES_MAX, APP_NODES_MIN } from '../defaults';
import { isUnsafeSwitch, UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from '../raft/unsafe';
import { SPEED_MAX, SPEED_MIN, type Speed } from '../runtime/pacer';

export interface UrlSettings {
  readonly nodes: number | null;
  readonly seed: number | null;
  readonly speed: Speed | null;
  readonly embed: boolean;
  /** A saved cluster of this browser to open (cluster=ID), instead of your own. */
  readonly cluster: string | null;
  /** Rules of Raft to switch off (unsafe=NAME,NAME): a cluster of its own, never yours. */
  readonly unsafe: readonly UnsafeSwitch[];
  /** One sentence per parameter that was ignored. */
  readonly problems: readonly string[];
}

export function parseUrlSettings(search: string): UrlSettings {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const integer = (name: string, min: number, max: number): number | null => {
    const raw = params.get(name);
    if (raw === null) return null;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(
        `${name}=${raw} is not a whole number from ${min} to ${max}; the default is used`,
      );
      return null;
    }
    return value;
  };
  const nodes = integer('nodes', APP_NODES_MIN, APP_NODES_MAX);
  const seed = integer('seed', 0, 2 ** 31 - 1);
  let speed: Speed | null = null;
  const rawSpeed = params.get('speed');
  if (rawSpeed !== null) {
    const value = rawSpeed === 'max' ? 'max' : Number(rawSpeed);
    if (value === 'max' || (Number.isFinite(value) && value >= SPEED_MIN && value <= SPEED_MAX))
      speed = value;
    else
      problems.push(
        `speed=${rawSpeed} is not 'max' or a number from ${SPEED_MIN} to ${SPEED_MAX}; the default is used`,
      );
  }
  const rawEmbed = params.get('embed');
  if (rawEmbed !== null && rawEmbed !== '0' && rawEmbed !== '1') {
    problems.push(`embed=${rawEmbed} is not 0 or 1; the full page is shown`);
  }
  let cluster = params.get('cluster');
  if (cluster !== null && !/^[\w-]{1,40}$/.test(cluster)) {
    problems.push(`cluster=${cluster.slice(0, 40)} is not a cluster id; your own cluster is shown`);
    cluster = null;
  }
  const unsafe: UnsafeSwitch[] = [];
  for (const name of (params.get('unsafe') ?? '').split(',').filter((n) => n !== '')) {
    if (isUnsafeSwitch(name)) unsafe.push(name);
    else
      problems.push(
        `unsafe=${name.slice(0, 40)} is not a safety switch (${UNSAFE_SWITCH_NAMES.join(', ')}); it is ignored`,
      );
  }
  return { nodes, seed, speed, embed: rawEmbed === '1', cluster, unsafe, problems };
}
