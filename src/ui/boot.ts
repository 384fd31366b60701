/**
 * Which cluster the page opens, from its URL and the clusters this browser keeps:
 * - the plain URL (speed= and theme aside) opens your own cluster, made on first use;
 * - cluster=ID opens a cluster you kept;
 * - a shared run (#run=...), other nodes=/seed=, or embed=1 open a new cluster of their
 *   own (scratch): it never replaces yours, and it is deleted once no tab runs it, unless
 *   you keep it.
 * Problems become notices.
 */

import { APP_SPEED_DEFAULT } from '../defaults';
import type { PanelName } from '../embed/panels';
import { type LessonRun, lessonSettings, playLesson } from '../lessons/play';
import { type LessonChoice, lessonFromLocation } from '../lessons/source';
import { UNSAFE_SWITCHES } from '../raft/unsafe';
import type { ClusterConfig } from '../runtime/cluster-config';
import {
  findCluster,
  freshConfig,
  HOME_NAME,
  homeEntry,
  homeOf,
  type Registry,
  RegistryStore,
  type SavedCluster,
  withCluster,
} from '../runtime/cluster-registry';
import type { StartOptions } from '../runtime/controller';
import type { StorageFault } from '../runtime/idb-storage';
import { featuresOf, featureWords } from './settings/features';
import { decodeSharedRun, type FoundNote, type SharedRun } from './share';
import { parseUrlSettings, type UrlSettings } from './url-params';

/** Why a page runs a cluster that is not kept. */
export type ScratchReason = 'link' | 'params' | 'embed' | 'lesson';

/** A lesson the page opens, with its run as played headlessly (what each step shows). */
export interface LessonBoot {
  readonly choice: LessonChoice;
  readonly run: LessonRun;
}

export interface Boot {
  /** The cluster this page opens (role 'scratch' for links, parameters and embeds). */
  readonly cluster: SavedCluster;
  readonly start: StartOptions;
  readonly embed: boolean;
  /** What an embed shows, in order, and whether only its host page drives it. */
  readonly panels: readonly PanelName[];
  readonly lock: boolean;
  /** The host origins the embedding API answers (origin=); null: its parent, whatever it is. */
  readonly origins: readonly string[] | null;
  readonly notices: readonly string[];
  readonly lesson: LessonBoot | null;
  /** The opened link is a run the failure finder found: the rule it breaks, and when. */
  readonly found: FoundNote | null;
}

export interface Choice {
  readonly cluster: SavedCluster;
  /** The registry to write before starting (a new or replaced home), or null to leave it. */
  readonly registry: Registry | null;
  readonly script: StartOptions['script'];
  readonly notices: readonly string[];
}

/** Picks the cluster for a URL. Pure: the registry comes in, the one to write goes out. */
export function chooseCluster(input: {
  readonly url: UrlSettings;
  readonly shared: SharedRun | null;
  readonly lesson?: LessonBoot | null;
  readonly registry: Registry;
  readonly now: number;
  readonly randomId?: () => string;
}): Choice {
  const { url, shared, registry, now, randomId } = input;
  const scratch = (reason: ScratchReason, settings: Partial<ClusterConfig>): SavedCluster => {
    const config = freshConfig(registry, settings, randomId);
    return { config, role: 'scratch', name: scratchName(reason, config), createdAt: now };
  };
  if (input.lesson != null) {
    // A lesson runs on a cluster of its own, at the start of the step it opens at.
    const { choice, run } = input.lesson;
    const before = run.steps.slice(0, choice.step);
    const cluster = scratch('lesson', lessonSettings(choice.lesson));
    return {
      cluster: { ...cluster, name: `Lesson: ${choice.lesson.title}` },
      registry: null,
      script: {
        interventions: before.flatMap((s) => [...s.actions, ...s.solution]),
        until: run.steps[choice.step]?.startAt ?? 0,
        start: null,
      },
      notices: [],
    };
  }
  if (shared !== null) {
    const { interventions, until, start, found, ...settings } = shared;
    const cluster = scratch('link', settings);
    const bug = settings.unsafe?.[0];
    return {
      cluster:
        found === undefined || bug === undefined
          ? cluster
          : { ...cluster, name: `Failing run found with “${UNSAFE_SWITCHES[bug].title}”` },
      registry: null,
      script: { interventions, until, start: start ?? null },
      // A found run has its own panel, which says this and more.
      notices:
        found === undefined
          ? [
              `Replaying a shared run: ${interventions.length} interventions up to ${Math.round(until)} ms, then paused.`,
            ]
          : [],
    };
  }
  const notices: string[] = [];
  if (url.cluster !== null) {
    const saved = findCluster(registry, url.cluster);
    if (saved !== null && saved.config.storage === 'idb')
      return { cluster: saved, registry: null, script: null, notices };
    notices.push(
      saved === null
        ? `This browser keeps no cluster ${url.cluster}; your own cluster is shown.`
        : `Cluster ${url.cluster} kept its state in memory after storage failed; your own cluster is shown.`,
    );
  } else if (
    url.nodes !== null ||
    url.seed !== null ||
    url.electionTimeoutMs !== null ||
    url.heartbeatMs !== null ||
    url.embed ||
    url.unsafe.length > 0 ||
    url.preVote ||
    url.checkQuorum ||
    url.readMode !== null
  ) {
    const settings = {
      nodes: url.nodes ?? undefined,
      seed: url.seed ?? undefined,
      electionTimeoutMs: url.electionTimeoutMs ?? undefined,
      heartbeatMs: url.heartbeatMs ?? undefined,
      unsafe: url.unsafe.length > 0 ? url.unsafe : undefined,
      preVote: url.preVote ? (true as const) : undefined,
      checkQuorum: url.checkQuorum ? (true as const) : undefined,
      readMode: url.readMode ?? undefined,
    };
    const reason = url.embed ? 'embed' : 'params';
    return {
      cluster: scratch(reason, definedOnly(settings)),
      registry: null,
      script: null,
      notices,
    };
  }
  const home = homeOf(registry);
  if (home !== null && home.config.storage === 'idb')
    return { cluster: home, registry: null, script: null, notices };
  const config = freshConfig(registry, home === null ? {} : home.config, randomId);
  const fresh = homeEntry(config, now);
  if (home !== null)
    notices.push(
      'A new cluster was started: the previous cluster kept its state in memory after storage failed.',
    );
  return { cluster: fresh, registry: withCluster(registry, fresh), script: null, notices };
}

export function scratchName(reason: ScratchReason, config: ClusterConfig): string {
  const features = featureWords(featuresOf(config));
  const what = `${config.nodes} nodes, seed ${config.seed}${features === 'none' ? '' : `, ${features}`}`;
  if (reason === 'link') return `Shared run, ${what}`;
  if (reason === 'embed') return `Embedded run, ${what}`;
  if (reason === 'lesson') return `Lesson, ${what}`;
  return `New cluster, ${what}`;
}

export async function bootFromLocation(
  location: { search: string; hash: string },
  registryStore = new RegistryStore(),
): Promise<Boot> {
  const url = parseUrlSettings(location.search);
  const notices = [...url.problems];
  const fault = import.meta.env.VITE_TEST_API === '1' ? faultFromSearch(location.search) : null;
  const lesson = await lessonOf(location, notices);
  const decoded = lesson !== null ? null : await decodeSharedRun(location.hash);
  if (typeof decoded === 'string')
    notices.push(`The link's run could not be replayed: ${decoded}.`);
  const read = registryStore.read();
  if (read.problem !== null)
    notices.push(`${capitalize(read.problem)}. ${HOME_NAME} may have been started afresh.`);
  const choice = chooseCluster({
    url,
    shared: typeof decoded === 'string' ? null : decoded,
    lesson,
    registry: read.registry,
    now: Date.now(),
  });
  notices.push(...choice.notices);
  if (choice.registry !== null) registryStore.write(choice.registry);
  else if (read.dirty) registryStore.write(read.registry);
  const start: StartOptions = {
    config: choice.cluster.config,
    speed: lesson?.choice.lesson.speed ?? url.speed ?? APP_SPEED_DEFAULT,
    paused: choice.script !== null || url.paused,
    fault,
    script: choice.script,
  };
  const found = lesson === null && typeof decoded === 'object' ? (decoded?.found ?? null) : null;
  return {
    cluster: choice.cluster,
    start,
    embed: url.embed,
    panels: url.panels,
    lock: url.embed && url.lock,
    origins: url.origins,
    notices,
    lesson,
    found,
  };
}

/** The lesson the URL names, played headlessly; null, with a notice when it cannot be. */
async function lessonOf(
  location: { search: string; hash: string },
  notices: string[],
): Promise<LessonBoot | null> {
  const lookup = await lessonFromLocation(location);
  if (lookup === null) return null;
  if ('problem' in lookup) {
    notices.push(`The lesson could not be opened: ${lookup.problem}. Your own cluster is shown.`);
    return null;
  }
  const run = playLesson(lookup.lesson);
  const problem = run.problems[0];
  if (problem !== undefined) {
    notices.push(
      `The lesson "${lookup.lesson.title}" cannot be played (${problem.path}: ${problem.message}). Your own cluster is shown.`,
    );
    return null;
  }
  return { choice: lookup, run };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Test builds only: ?storageFault=quota|unavailable|corrupt makes storage fail that way. */
function faultFromSearch(search: string): StorageFault | null {
  const value = new URLSearchParams(search).get('storageFault');
  return value === 'quota' || value === 'unavailable' || value === 'corrupt' ? value : null;
}
