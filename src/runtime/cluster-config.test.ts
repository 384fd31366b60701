import { describe, expect, it } from 'vitest';
import { newClusterConfig, parseClusterConfig } from './cluster-config';
import { timingProblem } from './timing';

describe('a saved cluster config', () => {
  const saved = (over: Record<string, unknown>) =>
    JSON.stringify({ ...newClusterConfig({ nodes: 5, seed: 2 }, () => 'abc'), ...over });

  it('keeps its timing across a reload', () => {
    const { config } = parseClusterConfig(
      saved({ electionTimeoutMs: [1500, 3000], heartbeatMs: 200 }),
    );
    expect(config).toMatchObject({ electionTimeoutMs: [1500, 3000], heartbeatMs: 200 });
  });

  it('a malformed timing is reported, never run', () => {
    for (const over of [
      { electionTimeoutMs: [300, 150] },
      { electionTimeoutMs: [0, 150] },
      { electionTimeoutMs: 'fast' },
      { electionTimeoutMs: [150] },
      { heartbeatMs: -1 },
      { heartbeatMs: 2.5 },
    ])
      expect(parseClusterConfig(saved(over))).toEqual({
        config: null,
        problem: 'the saved election timeout or heartbeat is malformed',
      });
  });
});

describe('a timing a user sets', () => {
  it('needs whole ms in bounds and a heartbeat shorter than the election timeout', () => {
    expect(timingProblem({ electionTimeoutMs: [150, 300], heartbeatMs: 50 })).toBeNull();
    expect(timingProblem({ electionTimeoutMs: [150, 150], heartbeatMs: 149 })).toBeNull();
    const field = (electionTimeoutMs: [number, number], heartbeatMs: number) =>
      timingProblem({ electionTimeoutMs, heartbeatMs })?.field;
    expect(field([9, 300], 5)).toBe('electionMin');
    expect(field([150.5, 300], 50)).toBe('electionMin');
    expect(field([150, 60_001], 50)).toBe('electionMax');
    expect(field([300, 150], 50)).toBe('electionMax');
    expect(field([150, 300], 150)).toBe('heartbeat');
    expect(field([150, 300], 0)).toBe('heartbeat');
  });
});
