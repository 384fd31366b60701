/**
 * A host that shows a node's KV contents takes them from the replica once (the values
 * under the keys each step's entries touch), and never applies the entries a second time.
 */
import { describe, expect, it } from 'vitest';
import { nodeConfigs, resolveOptions } from '../sim/options';
import { Replica } from './replica';
import type { ClientReply, KvCommand } from './types';

describe('the replica reports what applying touched', () => {
  it('folding the reported values gives the applied contents, deletes included', () => {
    const config = nodeConfigs(resolveOptions({ nodes: 1, seed: 3 }))[0]!;
    const replica = new Replica(
      { ...config, seed: 1 },
      { hardState: { term: 0, votedFor: null }, log: [] },
      0,
    );
    const shown = new Map<string, string>();
    let now = 0;
    const stepAndFold = (): ClientReply[] => {
      const { ready, replies } = replica.takeOutput();
      for (const [key, value] of replica.valuesTouchedBy(ready.committed)) {
        if (value === null) shown.delete(key);
        else shown.set(key, value);
      }
      return replies.map((r) => r.reply);
    };
    replica.step({ kind: 'electionTimeout' }, now);
    stepAndFold();
    expect(replica.raft.role).toBe('leader');
    replica.onClientRequest(
      'c1',
      { type: 'ClientRequest', session: null, seq: 0, command: { op: 'register' } },
      now,
    );
    const session = stepAndFold().find((r) => r.status === 'registered');
    expect(session).toBeDefined();
    const commands: KvCommand[] = [
      { op: 'set', key: 'a', value: '1' },
      { op: 'append', key: 'a', value: '2' },
      { op: 'set', key: 'b', value: 'x' },
      { op: 'del', key: 'b' },
      { op: 'cas', key: 'c', expected: null, value: 'z' },
      { op: 'get', key: 'a' },
    ];
    commands.forEach((command, i) => {
      now += 1;
      const id = session?.status === 'registered' ? session.session : 0;
      replica.onClientRequest(
        'c1',
        { type: 'ClientRequest', session: id, seq: i + 1, command },
        now,
      );
      stepAndFold();
    });
    expect(Object.fromEntries([...shown].sort())).toEqual(replica.machine.store.toRecord());
    expect(replica.machine.store.toRecord()).toEqual({ a: '12', c: 'z' });
  });
});
