import { describe, expect, it } from 'vitest';
import { loadHistory } from '../../check/linearizability/load-history';
import { parsePorcupineKv } from '../../check/linearizability/porcupine-format';
import type { HistoryOp } from '../../kv/history';
import { runScenario } from '../../sim/scenario-text/runner';
import type { SharedRun } from '../share';
import {
  historyFile,
  porcupineFile,
  SCENARIO_RUN_MS_MAX,
  scenarioOfSharedRun,
} from './run-exports';
import { sharedRunOfScenario } from './scenario-run';
import { formatTraceFile, readTraceFile } from './trace-file';

const run: SharedRun = {
  nodes: 3,
  seed: 5,
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  network: { delayMs: [5, 20], dropRate: 0, duplicateRate: 0 },
  interventions: [
    { at: 400, action: { type: 'crash', node: 0 } },
    { at: 400, action: { type: 'addClient' } },
    {
      at: 650.5,
      action: { type: 'kv', client: 'c1', command: { op: 'set', key: 'x', value: '1' } },
    },
    { at: 900, action: { type: 'restart', node: 0 } },
  ],
  until: 1500,
};

describe('a trace file', () => {
  it('opens as the run it was saved from', () => {
    expect(readTraceFile(formatTraceFile(run, [{ t: 0, kind: 'crash', node: 0 }]))).toEqual(run);
  });

  it.each([
    ['{', 'the file is not JSON'],
    [
      '{"format":"other"}',
      'the file is not a trace file (it has no "format": "raft-playground-trace")',
    ],
    [
      '{"format":"raft-playground-trace","version":9}',
      'the trace file is version 9; this page reads version 1',
    ],
    [
      '{"format":"raft-playground-trace","version":1,"run":{"v":1,"nodes":40}}',
      'the shared run has a bad node count',
    ],
  ])('says why %s cannot be replayed', (text, problem) => {
    expect(readTraceFile(text)).toBe(problem);
  });
});

describe('the run as a text scenario', () => {
  it('replays as written: its output is the text’s own', () => {
    const text = scenarioOfSharedRun(run);
    if (typeof text !== 'string') throw new Error(text.problem);
    expect(text).toMatch(/^nodes 3 seed 5 delay 5-20 loss 0 dup 0 election 150-300 heartbeat 50 /m);
    expect(text).toContain('crash 1');
    expect(text).toContain('kv c1 set x 1');
    const again = runScenario(text);
    const blocks = again.file.blocks.map((b) => b.expected);
    expect(again.outputs).toEqual(blocks);
  });

  it('is refused for a run too long to print, or one that resumed from storage', () => {
    expect(scenarioOfSharedRun({ ...run, until: SCENARIO_RUN_MS_MAX + 1 })).toMatchObject({
      problem: expect.stringContaining('at most 60 s'),
    });
    const start = { t: 10, state: [] } as unknown as NonNullable<SharedRun['start']>;
    expect(scenarioOfSharedRun({ ...run, start })).toMatchObject({
      problem: expect.stringContaining('resumed from storage'),
    });
  });
});

describe('the KV history, exported', () => {
  const ops: HistoryOp[] = [
    { client: 'c1', op: 'set', key: 'x', value: '1', call: 1, ret: 4, outcome: 'ok' },
    {
      client: 'c2',
      op: 'get',
      key: 'x',
      call: 5,
      ret: 8,
      outcome: 'ok',
      result: { found: true, value: '1' },
    },
  ];

  it('reads back in check-history and in porcupine’s format', () => {
    expect(loadHistory(historyFile(ops))).toEqual(ops);
    const text = porcupineFile(ops);
    if (typeof text !== 'string') throw new Error(text.problem);
    expect(parsePorcupineKv(text).map((o) => o.op)).toEqual(['set', 'get']);
  });

  it('says why a history with CAS has no porcupine file', () => {
    expect(porcupineFile([{ ...ops[0]!, op: 'cas', expected: null }])).toEqual({
      problem: "porcupine's KV model has only GET, SET (put) and APPEND: this history has CAS",
    });
  });
});

describe('a text scenario opened in the page', () => {
  it('becomes the run it describes: the same interventions at the same moments', () => {
    const text = scenarioOfSharedRun(run);
    if (typeof text !== 'string') throw new Error(text.problem);
    const opened = sharedRunOfScenario(text);
    if ('problem' in opened) throw new Error(opened.problem);
    expect(opened.interventions.map((r) => [r.at, r.action.type])).toEqual(
      run.interventions.map((r) => [r.at, r.action.type]),
    );
    expect(opened).toMatchObject({ nodes: 3, seed: 5, until: run.until, network: run.network });
  });

  it.each([
    ['run 10\n----\n', 'line 1: a scenario begins with nodes N seed S'],
    [
      'nodes 3 seed 1\nhold any\n----\n',
      'line 2: hold steers the test harness, which a page run cannot do',
    ],
    [
      'nodes 3 seed 1\n----\n\nnodes 3 seed 2\n----\n',
      'line 4: the scenario makes a second cluster',
    ],
    ['nodes 12 seed 1\n----\n', 'the scenario has a bad node count'],
  ])('says why %j cannot be opened', (scenario, problem) => {
    expect(sharedRunOfScenario(scenario)).toEqual({ problem });
  });
});
