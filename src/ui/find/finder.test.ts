import { describe, expect, it } from 'vitest';
import { checkLinearizability } from '../../check/linearizability/check';
import type { FindReply, FindRequest } from '../../runtime/find-protocol';
import { handleFindRequest } from '../../runtime/find-work';
import { liveCluster } from '../../runtime/testing';
import type { FailingRun } from '../../sim/find/failing-run';
import { findFailure } from '../../sim/find/find';
import { shrinkRun } from '../../sim/find/shrink';
import { decodeSharedRun } from '../share';
import { FailureFinder, type FinderState, type WorkerFactory, workerCount } from './finder';
import { foundRunUrl, sharedRunOf } from './found-link';

/** A worker that runs the real request handler in this thread, a task after each post. */
function fakeWorkers(): { factory: WorkerFactory; terminated: () => number } {
  let terminated = 0;
  const factory: WorkerFactory = () => {
    const listeners: ((e: MessageEvent<FindReply>) => void)[] = [];
    let alive = true;
    return {
      addEventListener: ((type: string, l: (e: MessageEvent<FindReply>) => void) => {
        if (type === 'message') listeners.push(l);
      }) as never,
      postMessage: (r: FindRequest) => {
        setTimeout(() =>
          handleFindRequest(r, (m) => {
            if (alive) for (const l of listeners) l({ data: m } as MessageEvent<FindReply>);
          }),
        );
      },
      terminate: () => {
        if (alive) terminated++;
        alive = false;
      },
    };
  };
  return { factory, terminated: () => terminated };
}

function until(finder: FailureFinder, phases: FinderState['phase'][]): Promise<FinderState> {
  return new Promise((resolve) => {
    const check = () => {
      if (phases.includes(finder.state.phase)) {
        off();
        resolve(finder.state);
      }
    };
    const off = finder.subscribe(check);
    check();
  });
}

describe('the page’s failure finder', () => {
  it('uses one worker fewer than the cores, at least one', () => {
    expect(workerCount(2)).toBe(1);
    expect(workerCount(1)).toBe(1);
    expect(workerCount(8)).toBe(7);
  });

  it('finds the lowest failing seed across its workers, shrinks it, and stops every worker', async () => {
    const { factory, terminated } = fakeWorkers();
    const finder = new FailureFinder(factory, 3);
    finder.start('voteNotPersisted');
    const done = await until(finder, ['done', 'failed', 'none']);
    expect(done.phase).toBe('done');
    if (done.phase !== 'done') return;
    // Whichever worker answers first, the lowest failing seed wins: the one a single search finds.
    const single = findFailure('voteNotPersisted', { seeds: 1000 })!;
    expect(done.found.options.seed).toBe(single.options.seed);
    expect(done.run).toEqual(shrinkRun(single).run);
    expect(terminated()).toBe(4);
  });

  it('stops when asked, and says how many schedules it tried', async () => {
    const { factory } = fakeWorkers();
    const finder = new FailureFinder(factory, 2);
    finder.start('noElectionRestriction');
    expect(finder.state.phase).toBe('searching');
    finder.stop();
    expect(finder.state).toMatchObject({
      phase: 'stopped',
      bug: 'noElectionRestriction',
      tried: 0,
    });
  });
});

describe('a found run in the page', () => {
  it('travels in a link with its switch, batching and finding', async () => {
    const run = shrinkRun(findFailure('noElectionRestriction', { seeds: 100 })!).run;
    const url = new URL(await foundRunUrl(run, 'http://localhost/?cluster=abc'));
    expect(url.search).toBe('');
    const shared = await decodeSharedRun(url.hash);
    expect(shared).toEqual(sharedRunOf(run));
    expect(shared).toMatchObject({ unsafe: ['noElectionRestriction'], found: run.violation });
  });

  it.each(['noElectionRestriction', 'noClientSessions'] as const)(
    'replays in the asynchronous harness (as in the page) to the same broken rule: %s',
    async (bug) => {
      const run: FailingRun = shrinkRun(findFailure(bug, { seeds: 100 })!).run;
      const s = sharedRunOf(run);
      const live = liveCluster({
        nodes: s.nodes,
        seed: s.seed,
        electionTimeoutMs: s.electionTimeoutMs,
        heartbeatMs: s.heartbeatMs,
        network: s.network,
        entriesPerAppendMax: s.entriesPerAppendMax!,
        inflightMax: s.inflightMax!,
        unsafe: [...s.unsafe!],
      });
      await live.start();
      for (const rec of s.interventions) await live.replay(rec);
      if (s.until > live.now) await live.runFor(s.until - live.now);
      if (run.checkClients) {
        const verdict = checkLinearizability(live.kvHistory(), { budgetMs: 2000 });
        expect(
          `KV history not linearizable: ${verdict.verdict === 'illegal' ? verdict.message : verdict.verdict}`,
        ).toBe(run.violation.rule);
      } else expect(live.violations()[0]).toBe(run.violation.rule);
    },
  );
});
