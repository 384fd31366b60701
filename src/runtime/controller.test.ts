/**
 * The page's controller and its workers: replies settle the request they answer, and a
 * failing checker worker rejects the checks it was given instead of leaving them pending.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryOp } from '../kv/history';
import type { CheckReply, CheckRequest } from './check-worker';
import { newClusterConfig } from './cluster-config';
import { RuntimeController } from './controller';

/** A stand-in Worker: records what it was sent and lets the test answer or fail. */
class FakeWorker {
  static made: FakeWorker[] = [];
  readonly sent: unknown[] = [];
  terminated = false;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  onmessageerror: (() => void) | null = null;

  constructor(readonly url: URL) {
    FakeWorker.made.push(this);
  }
  postMessage(m: unknown): void {
    this.sent.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: unknown): void {
    this.onmessage?.({ data });
  }
}

const checkers = () => FakeWorker.made.filter((w) => w.url.pathname.endsWith('check-worker.ts'));
const scheduler = () =>
  FakeWorker.made.find((w) => w.url.pathname.endsWith('scheduler-worker.ts'))!;

const OPS: HistoryOp[] = [
  { client: 'c1', op: 'set', key: 'x', value: '1', call: 0, ret: 1, outcome: 'ok' },
];

function controller(): RuntimeController {
  return new RuntimeController({ config: newClusterConfig(), speed: 0.1, paused: false });
}

beforeEach(() => {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the page controller', () => {
  it('resolves a request with the reply of the same id', async () => {
    const c = controller();
    const now = c.runFor(100);
    const sent = scheduler().sent.at(-1) as { type: string; id: number };
    expect(sent).toMatchObject({ type: 'intent', intent: { kind: 'runFor', ms: 100 } });
    scheduler().reply({ type: 'reply', id: sent.id + 1, ok: true, value: 1 }); // another's: ignored
    scheduler().reply({ type: 'reply', id: sent.id, ok: true, value: 100 });
    await expect(now).resolves.toBe(100);
  });

  it('rejects a request the scheduler refused, with its sentence', async () => {
    const c = controller();
    const step = c.step();
    const { id } = scheduler().sent.at(-1) as { id: number };
    scheduler().reply({ type: 'reply', id, ok: false, error: 'the cluster is still starting' });
    await expect(step).rejects.toThrow('the cluster is still starting');
  });

  it('resolves a history check with the verdict of the same id', async () => {
    const c = controller();
    const verdict = c.checkHistory(OPS);
    const [checker] = checkers();
    const { id } = checker!.sent[0] as CheckRequest;
    checker!.reply({ id, verdict: { status: 'ok' } } satisfies CheckReply);
    await expect(verdict).resolves.toEqual({ status: 'ok' });
  });

  it('rejects every pending check when the checker worker fails, and starts a new one for the next check', async () => {
    const c = controller();
    const first = c.checkHistory(OPS);
    const second = c.checkHistory(OPS);
    const [broken] = checkers();
    broken!.onerror!({ message: 'out of memory' });
    await expect(first).rejects.toThrow('the history checker stopped: out of memory');
    await expect(second).rejects.toThrow('the history checker stopped');
    expect(broken!.terminated).toBe(true);

    const third = c.checkHistory(OPS);
    expect(checkers()).toHaveLength(2);
    const fresh = checkers()[1]!;
    fresh.reply({ id: (fresh.sent[0] as CheckRequest).id, verdict: { status: 'ok' } });
    await expect(third).resolves.toEqual({ status: 'ok' });
  });

  it('rejects a check whose reply cannot be read', async () => {
    const c = controller();
    const verdict = c.checkHistory(OPS);
    checkers()[0]!.onmessageerror!();
    await expect(verdict).rejects.toThrow('could not be read');
  });

  it('rejects pending requests and checks when it is disposed of', async () => {
    const c = controller();
    const run = c.runFor(10);
    const check = c.checkHistory(OPS);
    c.dispose();
    await expect(run).rejects.toThrow('the cluster was stopped');
    await expect(check).rejects.toThrow('the cluster was stopped');
  });
});
