import { describe, expect, it } from 'vitest';
import {
  type ChannelLike,
  claimCluster,
  type LockManagerLike,
  lockName,
  type OwnershipEnvironment,
  onTakeOverRequest,
  requestTakeOver,
} from './ownership';

/** Exclusive locks as the Web Locks API grants them: in request order, one holder each. */
class FakeLocks implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Array<() => void>>();

  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void> | undefined | boolean,
  ): Promise<unknown> {
    const grant = async () => {
      this.held.add(name);
      try {
        return await callback({ name });
      } finally {
        this.held.delete(name);
        this.queues.get(name)?.shift()?.();
      }
    };
    if (!this.held.has(name)) return grant();
    if (options.ifAvailable) return Promise.resolve(callback(null));
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(name) ?? [];
      const waiter = () => grant().then(resolve, reject);
      queue.push(waiter);
      this.queues.set(name, queue);
      options.signal?.addEventListener('abort', () => {
        queue.splice(queue.indexOf(waiter), 1);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    });
  }
}

/** BroadcastChannels of one origin: a message reaches every other open channel. */
function fakeChannels(): () => ChannelLike {
  const open = new Set<{ listeners: Set<(e: MessageEvent) => void> }>();
  return () => {
    const self = { listeners: new Set<(e: MessageEvent) => void>() };
    open.add(self);
    return {
      postMessage: (data) => {
        for (const other of open)
          if (other !== self) for (const l of other.listeners) l({ data } as MessageEvent);
      },
      addEventListener: (_type, l) => self.listeners.add(l),
      removeEventListener: (_type, l) => self.listeners.delete(l),
      close: () => open.delete(self),
    };
  };
}

const env = (): OwnershipEnvironment => ({ locks: new FakeLocks(), channel: fakeChannels() });

describe('one page runs a cluster at a time', () => {
  it('a second page finds the cluster taken, and gets it once the first lets go', async () => {
    const e = env();
    const first = await claimCluster(e, 'c1', { wait: false });
    expect(first?.guarded).toBe(true);
    expect(await claimCluster(e, 'c1', { wait: false })).toBeNull();
    expect(await claimCluster(e, 'other', { wait: false })).not.toBeNull();
    let second: unknown = 'waiting';
    const waiting = claimCluster(e, 'c1', { wait: true }).then((c) => {
      second = c;
      return c;
    });
    await Promise.resolve();
    expect(second).toBe('waiting');
    first!.release();
    expect((await waiting)?.clusterId).toBe('c1');
  });

  it('a wait can be given up', async () => {
    const e = env();
    await claimCluster(e, 'c1', { wait: false });
    const abort = new AbortController();
    const waiting = claimCluster(e, 'c1', { wait: true, signal: abort.signal });
    abort.abort();
    expect(await waiting).toBeNull();
  });

  it('a take-over request reaches the page that runs that cluster only', () => {
    const e = env();
    const heard: string[] = [];
    const stopA = onTakeOverRequest(e, 'a', () => heard.push('a'));
    onTakeOverRequest(e, 'b', () => heard.push('b'));
    requestTakeOver(e, 'a');
    stopA();
    requestTakeOver(e, 'a');
    expect(heard).toEqual(['a']);
  });

  it('without Web Locks the page runs the cluster and knows it is unguarded', async () => {
    const claim = await claimCluster({ locks: null, channel: () => null }, 'c1', { wait: false });
    expect(claim).toMatchObject({ clusterId: 'c1', guarded: false });
  });

  it('lock names carry the cluster id', () => {
    expect(lockName('abc')).toBe('raft-playground.cluster.abc');
  });
});
