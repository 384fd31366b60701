/**
 * The random KV workload (chaos --kv, KV scenario tests): several clients, each with one
 * op at a time, mixing reads and writes on shared keys with APPENDs of unique tokens to a
 * key of its own, so a lost or doubled application is visible in the final value. Beside
 * it, workload.ts is the raw-command workload of every chaos run.
 */
import type { KvClient, KvClientOptions } from '../../kv/client';
import type { KvOp } from '../../kv/op';
import type { KvCommand } from '../../kv/types';
import { deriveSeed, Rng } from '../../util/rng';
import type { SimCluster } from '../cluster';
import type { NodeId } from '../types';

type Sim = SimCluster;

function ids(c: Sim): NodeId[] {
  return Array.from({ length: c.size }, (_, i) => i);
}

/** The workload's own random stream, derived from the run's seed. */
export function workloadRng(seed: number): Rng {
  return new Rng(deriveSeed(seed, 'kv-workload'));
}

export interface Appended {
  readonly token: string;
  readonly op: KvOp;
}

interface KvWorker {
  readonly client: KvClient;
  /** The key only this client appends to. */
  readonly ownKey: string;
  readonly appends: Appended[];
  current: KvOp | null;
  /** Ops this worker may still start. */
  budget: number;
  /** What this client last saw in each shared key, for CAS expectations. */
  readonly seen: Map<string, string | null>;
  /** The shared key of the current op, if any. */
  sharedKey: string | null;
}

export interface KvWorkloadOptions {
  readonly clients: number;
  readonly opsPerClient: number;
  readonly sharedKeys?: readonly string[];
  readonly client?: KvClientOptions;
  /** Chance that an idle client starts its next op at each step. Default 0.3. */
  readonly busyness?: number;
}

export class KvWorkload {
  private readonly workers: KvWorker[];
  private readonly sharedKeys: readonly string[];
  private readonly busyness: number;

  constructor(
    private readonly c: Sim,
    private readonly rng: Rng,
    opts: KvWorkloadOptions,
  ) {
    this.sharedKeys = opts.sharedKeys ?? ['x', 'y', 'z'];
    this.busyness = opts.busyness ?? 0.3;
    this.workers = Array.from({ length: opts.clients }, () => {
      const client = c.kvClient(opts.client);
      return {
        client,
        ownKey: `own:${client.id}`,
        appends: [],
        current: null,
        budget: opts.opsPerClient,
        seen: new Map(),
        sharedKey: null,
      };
    });
  }

  /** Lets every client start `n` more ops. */
  addOps(n: number): void {
    for (const w of this.workers) w.budget += n;
  }

  /** Ops started and not yet settled. */
  get inProgress(): number {
    return this.workers.filter((w) => w.current !== null && !w.current.done).length;
  }

  get done(): boolean {
    return this.workers.every((w) => w.budget === 0 && (w.current === null || w.current.done));
  }

  /** Runs the cluster `ms` of virtual time, starting ops as clients become idle. */
  run(ms: number, slice = 5): void {
    const end = this.c.now + ms;
    while (this.c.now < end) {
      this.startSome();
      this.c.run(Math.min(slice, end - this.c.now));
    }
  }

  /** Runs until every client finished its ops; throws after `maxMs`. */
  drain(maxMs: number): void {
    const end = this.c.now + maxMs;
    while (!this.done) {
      if (this.c.now >= end) throw new Error(`workload not drained after ${maxMs} ms`);
      this.startSome(1);
      this.c.run(5);
    }
  }

  /** Each client's own key, the tokens it appended there, with each op's fate. */
  appendsByClient(): Array<{ client: string; ownKey: string; appends: readonly Appended[] }> {
    return this.workers.map((w) => ({ client: w.client.id, ownKey: w.ownKey, appends: w.appends }));
  }

  /** Starts the next op of idle clients (each with the workload's chance, or `chance`). */
  startSome(chance = this.busyness): void {
    for (const w of this.workers) {
      if (w.current !== null && !w.current.done) continue;
      if (w.current !== null) this.learn(w, w.current);
      w.current = null;
      if (w.budget > 0 && this.rng.next() < chance) {
        w.budget--;
        w.current = this.start(w);
      }
    }
  }

  private start(w: KvWorker): KvOp {
    const r = this.rng.next();
    const n = w.appends.length + w.budget; // unique per worker: budget counts down
    if (r < 0.35) {
      const token = `${w.client.id}:${w.appends.length};`;
      const op = this.call(w, { op: 'append', key: w.ownKey, value: token });
      w.appends.push({ token, op });
      return op;
    }
    if (r < 0.45) {
      const other = this.rng.pick(this.workers);
      return this.call(w, { op: 'get', key: other.ownKey });
    }
    const key = this.rng.pick(this.sharedKeys);
    const value = `${w.client.id}.${n}.${this.rng.int(0, 999)}`;
    const s = this.rng.next();
    w.sharedKey = key;
    if (s < 0.35) return this.call(w, { op: 'get', key });
    if (s < 0.55) return this.call(w, { op: 'set', key, value });
    if (s < 0.8) {
      const expected = this.rng.next() < 0.8 ? (w.seen.get(key) ?? null) : 'nope';
      return this.call(w, { op: 'cas', key, expected, value });
    }
    if (s < 0.92) return this.call(w, { op: 'append', key, value: `+${w.client.id}` });
    return this.call(w, { op: 'del', key });
  }

  /** Through the cluster, so a recording cluster sees every call (the failure finder). */
  private call(w: KvWorker, command: KvCommand): KvOp {
    return this.c.kvCall(w.client.id, command);
  }

  /** Remembers what a finished op told the client about its shared key. */
  private learn(w: KvWorker, op: KvOp): void {
    const key = w.sharedKey;
    w.sharedKey = null;
    const r = op.result;
    if (key === null || op.outcome !== 'ok' || r === undefined) return;
    if (r.found !== undefined) w.seen.set(key, r.found ? (r.value ?? '') : null);
  }
}

/**
 * Each client's own key on every node: its ok appends there exactly once, unknown ones at
 * most once, failed ones never, all in the order issued. Returns what is wrong, in words.
 */
export function appendProblems(c: Sim, w: KvWorkload): string[] {
  const problems: string[] = [];
  for (const { client, ownKey, appends } of w.appendsByClient()) {
    const issued = appends.map((a) => a.token);
    for (const id of ids(c)) {
      const tokens = (c.kvState(id)[ownKey] ?? '')
        .split(';')
        .filter((t) => t !== '')
        .map((t) => `${t};`);
      const where = `${client}'s key on node ${id}`;
      if (!tokens.every((t) => issued.includes(t)))
        problems.push(`${where} holds a token it never appended`);
      if (new Set(tokens).size !== tokens.length) problems.push(`${where} holds a token twice`);
      const inOrder = issued.filter((t) => tokens.includes(t));
      if (tokens.join('') !== inOrder.join(''))
        problems.push(`${where} holds its tokens out of order`);
      for (const { token, op } of appends) {
        if (op.outcome === 'ok' && !tokens.includes(token))
          problems.push(`${where} lost ${token} (ok)`);
        if (op.outcome === 'fail' && tokens.includes(token))
          problems.push(`${where} applied ${token} (failed)`);
      }
    }
  }
  return problems;
}
