/**
 * URL parameters for links and embedding: nodes, seed, speed, election=MIN-MAX and
 * heartbeat=MS (timings in virtual ms), embed=1, cluster=ID, unsafe=NAME, prevote=1,
 * checkquorum=1, reads=log|readIndex|lease, and for an embed panels=, lock=1, paused=1,
 * theme=. A bad value falls back
 * to the default and says so; it never stops the page.
 */
import {
  APP_NODES_MAX,
  APP_NODES_MIN,
  ELECTION_TIMEOUT_MAX,
  ELECTION_TIMEOUT_MIN,
  HEARTBEAT_INTERVAL,
} from '../defaults';
import { DEFAULT_PANELS, isPanelName, PANEL_NAMES, type PanelName } from '../embed/panels';
import { isUnsafeSwitch, UNSAFE_SWITCH_NAMES, type UnsafeSwitch } from '../raft/unsafe';
import { SPEED_MAX, SPEED_MIN, type Speed } from '../runtime/pacer';
import { timingProblem } from '../runtime/timing';

export interface UrlSettings {
  readonly nodes: number | null;
  readonly seed: number | null;
  readonly speed: Speed | null;
  /** Election timeout range and heartbeat (election=MIN-MAX, heartbeat=MS), when set and good. */
  readonly electionTimeoutMs: [number, number] | null;
  readonly heartbeatMs: number | null;
  readonly embed: boolean;
  /** A saved cluster of this browser to open (cluster=ID), instead of your own. */
  readonly cluster: string | null;
  /** Rules of Raft to switch off (unsafe=NAME,NAME): a cluster of its own, never yours. */
  readonly unsafe: readonly UnsafeSwitch[];
  /** Features past the core Raft (prevote=1, checkquorum=1, reads=readIndex|lease). */
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** null: through the log (the default). */
  readonly readMode: 'readIndex' | 'lease' | null;
  /** The panels an embed shows, in order (panels=cluster,logs). */
  readonly panels: readonly PanelName[];
  /** The viewer watches; only the host page drives (lock=1). */
  readonly lock: boolean;
  /** Start paused (paused=1). */
  readonly paused: boolean;
  /** A colour theme for this page only (theme=light|dark); null keeps the remembered one. */
  readonly theme: 'light' | 'dark' | null;
  /** The only origins whose messages the app answers (origin=…); null: its parent's, any. */
  readonly origins: readonly string[] | null;
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
  const { electionTimeoutMs, heartbeatMs } = timingOf(
    params.get('election'),
    params.get('heartbeat'),
    problems,
  );
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
  const flag = (name: string): boolean => {
    const raw = params.get(name);
    if (raw === null || raw === '0') return false;
    if (raw === '1') return true;
    problems.push(`${name}=${raw.slice(0, 40)} is not 0 or 1; it is ignored`);
    return false;
  };
  const preVote = flag('prevote');
  const checkQuorum = flag('checkquorum');
  const readMode = readModeOf(params.get('reads'), checkQuorum, problems);
  const embed = rawEmbed === '1';
  const panels = panelsOf(params.get('panels'), problems);
  const lock = flag('lock');
  const paused = flag('paused');
  if (!embed && (params.has('panels') || lock))
    problems.push('panels= and lock= work with embed=1; the full page is shown');
  const rawTheme = params.get('theme');
  const theme = rawTheme === 'light' || rawTheme === 'dark' ? rawTheme : null;
  if (rawTheme !== null && theme === null)
    problems.push(
      `theme=${rawTheme.slice(0, 40)} is not light or dark; the remembered theme is used`,
    );
  const origins = originsOf(params.get('origin'), problems);
  return {
    nodes,
    seed,
    speed,
    electionTimeoutMs,
    heartbeatMs,
    embed,
    cluster,
    unsafe,
    preVote,
    checkQuorum,
    readMode,
    panels,
    lock,
    paused,
    theme,
    origins,
    problems,
  };
}

function readModeOf(
  raw: string | null,
  checkQuorum: boolean,
  problems: string[],
): 'readIndex' | 'lease' | null {
  if (raw === null || raw === 'log') return null;
  if (raw === 'readIndex') return raw;
  if (raw === 'lease') {
    if (checkQuorum) return raw;
    problems.push('reads=lease needs checkquorum=1; GETs go through the log');
    return null;
  }
  problems.push(
    `reads=${raw.slice(0, 40)} is not log, readIndex or lease; GETs go through the log`,
  );
  return null;
}

/**
 * election=MIN-MAX and heartbeat=MS, checked together (the heartbeat must be shorter than
 * the election timeout); one left out keeps its default.
 */
function timingOf(
  rawElection: string | null,
  rawHeartbeat: string | null,
  problems: string[],
): { electionTimeoutMs: [number, number] | null; heartbeatMs: number | null } {
  const none = { electionTimeoutMs: null, heartbeatMs: null };
  if (rawElection === null && rawHeartbeat === null) return none;
  const range = rawElection === null ? null : /^(\d{1,6})-(\d{1,6})$/.exec(rawElection.trim());
  if (rawElection !== null && range === null) {
    problems.push(
      `election=${rawElection.slice(0, 40)} is not MIN-MAX in ms (such as 1500-3000); the default timing is used`,
    );
    return none;
  }
  const heartbeat =
    rawHeartbeat === null ? HEARTBEAT_INTERVAL : Number(rawHeartbeat.trim() || Number.NaN);
  const electionTimeoutMs: [number, number] =
    range === null
      ? [ELECTION_TIMEOUT_MIN, ELECTION_TIMEOUT_MAX]
      : [Number(range[1]), Number(range[2])];
  const problem = timingProblem({ electionTimeoutMs, heartbeatMs: heartbeat });
  if (problem !== null) {
    problems.push(`${problem.text.replace(/\.$/, '')} (in the URL); the default timing is used`);
    return none;
  }
  return {
    electionTimeoutMs: rawElection === null ? null : electionTimeoutMs,
    heartbeatMs: rawHeartbeat === null ? null : heartbeat,
  };
}

/** Asked to restrict but given nothing usable, the app answers nobody rather than anybody. */
function originsOf(raw: string | null, problems: string[]): readonly string[] | null {
  if (raw === null) return null;
  const origins: string[] = [];
  for (const text of raw.split(',').filter((o) => o !== '')) {
    let origin: string | null = null;
    try {
      const url = new URL(text);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {}
    if (origin === null || origin !== text.replace(/\/$/, ''))
      problems.push(`origin=${text.slice(0, 80)} is not an origin such as https://example.org`);
    else origins.push(origin);
  }
  return origins;
}

function panelsOf(raw: string | null, problems: string[]): readonly PanelName[] {
  if (raw === null) return DEFAULT_PANELS;
  const panels: PanelName[] = [];
  for (const name of raw.split(',').filter((n) => n !== '')) {
    if (!isPanelName(name))
      problems.push(
        `panels=${name.slice(0, 40)} is not a panel (${PANEL_NAMES.join(', ')}); it is left out`,
      );
    else if (!panels.includes(name)) panels.push(name);
  }
  if (panels.length > 0) return panels;
  problems.push(`panels= names no panel; ${DEFAULT_PANELS.join(' and ')} are shown`);
  return DEFAULT_PANELS;
}
