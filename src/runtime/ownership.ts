/**
 * One tab (or frame) runs a cluster at a time. Its page holds a Web Lock named after the
 * cluster while the cluster's workers run (the browser frees the lock when the page goes
 * away, even on a crash); a page that finds the lock taken says so and may ask the holder,
 * over a BroadcastChannel, to let go. The holder stops its workers once their writes have
 * landed, and only then frees the lock. Two sets of workers never write one database.
 */

export const LOCK_PREFIX = 'raft-playground.cluster.';
export const CHANNEL_NAME = 'raft-playground.ownership';

export function lockName(clusterId: string): string {
  return `${LOCK_PREFIX}${clusterId}`;
}

/** The part of navigator.locks used here (a fake in unit tests). */
export interface LockManagerLike {
  request(
    name: string,
    options: { mode?: 'exclusive'; ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void> | undefined | boolean,
  ): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  close(): void;
}

/** A held cluster: `release` frees the lock for the next page. */
export interface Claim {
  readonly clusterId: string;
  /** False when this browser has no Web Locks: ownership cannot be checked. */
  readonly guarded: boolean;
  release(): void;
}

export interface OwnershipEnvironment {
  readonly locks: LockManagerLike | null;
  readonly channel: () => ChannelLike | null;
}

export function browserEnvironment(): OwnershipEnvironment {
  const locks =
    typeof navigator !== 'undefined' && navigator.locks !== undefined
      ? (navigator.locks as unknown as LockManagerLike)
      : null;
  return {
    locks,
    channel: () =>
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME),
  };
}

/**
 * Claims a cluster. With `wait` false it answers at once: the claim, or null when another
 * page holds it. With `wait` true it resolves when the lock is granted (or with null when
 * `signal` aborts first).
 */
export function claimCluster(
  env: OwnershipEnvironment,
  clusterId: string,
  options: { wait: boolean; signal?: AbortSignal },
): Promise<Claim | null> {
  const locks = env.locks;
  if (locks === null) return Promise.resolve({ clusterId, guarded: false, release: () => {} });
  return new Promise<Claim | null>((resolve, reject) => {
    const request = options.wait
      ? { mode: 'exclusive' as const, signal: options.signal }
      : { mode: 'exclusive' as const, ifAvailable: true };
    locks
      .request(lockName(clusterId), request, (lock) => {
        if (lock === null) {
          resolve(null);
          return undefined;
        }
        // The lock is held until this promise settles.
        return new Promise<void>((release) => {
          let released = false;
          resolve({
            clusterId,
            guarded: true,
            release: () => {
              if (released) return;
              released = true;
              release();
            },
          });
        });
      })
      .catch((e: unknown) => {
        if ((e as { name?: string } | null)?.name === 'AbortError') resolve(null);
        else reject(e);
      });
  });
}

interface TakeOverMessage {
  readonly type: 'take-over';
  readonly clusterId: string;
}

function isTakeOver(data: unknown, clusterId: string): boolean {
  const m = data as Partial<TakeOverMessage> | null;
  return typeof m === 'object' && m !== null && m.type === 'take-over' && m.clusterId === clusterId;
}

/** Asks whichever page runs `clusterId` to let go of it. */
export function requestTakeOver(env: OwnershipEnvironment, clusterId: string): void {
  const channel = env.channel();
  if (channel === null) return;
  channel.postMessage({ type: 'take-over', clusterId } satisfies TakeOverMessage);
  channel.close();
}

/** Calls `listener` when another page asks to take `clusterId` over; returns the stop. */
export function onTakeOverRequest(
  env: OwnershipEnvironment,
  clusterId: string,
  listener: () => void,
): () => void {
  const channel = env.channel();
  if (channel === null) return () => {};
  const onMessage = (e: MessageEvent) => {
    if (isTakeOver(e.data, clusterId)) listener();
  };
  channel.addEventListener('message', onMessage);
  return () => {
    channel.removeEventListener('message', onMessage);
    channel.close();
  };
}
