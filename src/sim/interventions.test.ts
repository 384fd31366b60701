import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type ActionName,
  applyIntervention,
  currentIntervention,
  type Intervention,
  type InterventionTarget,
  interventionProblem,
} from './interventions';
import type { Cluster } from './types';

/** Each action's harness method: the same name, except the two KV ones (checked here). */
const HARNESS_METHOD = {
  crash: 'crash',
  restart: 'restart',
  expireElectionTimer: 'expireElectionTimer',
  disconnect: 'disconnect',
  reconnect: 'reconnect',
  submit: 'submit',
  transferLeadership: 'transferLeadership',
  partition: 'partition',
  heal: 'heal',
  setLink: 'setLink',
  setNetwork: 'setNetwork',
  dropMessage: 'dropMessage',
  addClient: 'kvClient',
  kv: 'kvClient',
} as const satisfies Record<ActionName, keyof Cluster>;

const examples: { readonly [K in ActionName]: Extract<Intervention, { type: K }> } = {
  crash: { type: 'crash', node: 1 },
  restart: { type: 'restart', node: 1 },
  expireElectionTimer: { type: 'expireElectionTimer', node: 2 },
  disconnect: { type: 'disconnect', node: 0 },
  reconnect: { type: 'reconnect', node: 0 },
  submit: { type: 'submit', node: 1, command: 'x' },
  transferLeadership: { type: 'transferLeadership', from: 0, to: 2 },
  partition: { type: 'partition', groups: [[0, 1], [2]] },
  heal: { type: 'heal' },
  setLink: { type: 'setLink', from: 0, to: 2, up: false },
  setNetwork: { type: 'setNetwork', network: { dropRate: 0.1 } },
  dropMessage: { type: 'dropMessage', id: 7 },
  addClient: { type: 'addClient', deadlineMs: 500 },
  kv: { type: 'kv', client: 'c1', command: { op: 'get', key: 'x' } },
};

function recordingTarget(calls: string[]): InterventionTarget<void> {
  const log =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`${name} ${JSON.stringify(args)}`);
      return { id: 'c1' };
    };
  return new Proxy({} as InterventionTarget<void>, { get: (_, name: string) => log(name) });
}

describe('the one table of actions', () => {
  it('every action is in the table, and its name is a harness method', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(HARNESS_METHOD).sort());
  });

  it('applies each action through the cluster method of its name, with its arguments', () => {
    const calls: string[] = [];
    const target = recordingTarget(calls);
    for (const a of Object.values(examples)) applyIntervention(target, a);
    expect(calls).toEqual([
      'crash [1]',
      'restart [1]',
      'expireElectionTimer [2]',
      'disconnect [0]',
      'reconnect [0]',
      'submit [1,"x"]',
      'transferLeadership [0,2]',
      'partition [[0,1],[2]]',
      'heal []',
      'setLink [0,2,false]',
      'setNetwork [{"dropRate":0.1}]',
      'dropMessage [7]',
      'kvClient [{"deadlineMs":500}]',
      'kvCall ["c1",{"op":"get","key":"x"}]',
    ]);
  });

  it('accepts every example in a 3-node cluster with client c1', () => {
    for (const a of Object.values(examples)) expect(interventionProblem(a, 3, ['c1'])).toBeNull();
  });

  it.each([
    [{ type: 'crash', node: 3 }, 'no node 3: node ids are 0 .. 2'],
    [{ type: 'expireElectionTimer', node: -1 }, 'no node -1'],
    [{ type: 'partition', groups: [0, 1] }, 'a partition is a list of groups'],
    [{ type: 'partition', groups: [[0], [9]] }, 'no node 9'],
    [{ type: 'setLink', from: 0, to: 1, up: 'yes' }, 'setLink needs up: true or false'],
    [{ type: 'setNetwork', network: null }, 'setNetwork needs network settings'],
    [{ type: 'dropMessage', id: 1.5 }, 'a message id is a whole number, got 1.5'],
    [{ type: 'kv', client: 'c9', command: { op: 'get', key: 'x' } }, 'no KV client c9'],
    [{ type: 'frob' }, 'unknown intervention "frob"'],
  ])('refuses %j with a sentence', (a, sentence) => {
    expect(interventionProblem(a as Intervention, 3, ['c1'])).toContain(sentence);
  });

  it('reads a former action name as the one name it has now', () => {
    const old = { type: 'expire', node: 1 } as unknown as Intervention;
    expect(currentIntervention(old)).toEqual({ type: 'expireElectionTimer', node: 1 });
    expect(currentIntervention(examples.crash)).toBe(examples.crash);
  });
});
