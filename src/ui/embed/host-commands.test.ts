import { describe, expect, it } from 'vitest';
import { nodeOf, readHostMessage } from './host-commands';

const v = { protocol: 'raft-playground', version: 1 } as const;

describe('messages from the host page', () => {
  it('reads a well-formed command with its id', () => {
    expect(readHostMessage({ ...v, id: 7, type: 'crash', node: 'S2' })).toEqual({
      ok: true,
      id: 7,
      command: { type: 'crash', node: 'S2' },
    });
    expect(readHostMessage({ ...v, type: 'partition', groups: [['S1'], [1, 2]] })).toMatchObject({
      ok: true,
      id: null,
    });
  });

  it.each([
    [null, null, 'a message must be an object'],
    [[1], null, 'a message must be an object'],
    [{ id: 1, type: 'play' }, 1, 'a message must have protocol: "raft-playground"'],
    [{ ...v, version: '1', id: 'a', type: 'play' }, 'a', 'protocol version "1" is not spoken here'],
    [{ ...v, id: {}, type: 'play' }, null, 'id must be a string or a number'],
    [{ ...v, id: 2, type: 'explode' }, 2, 'unknown message type "explode"; types are get-state,'],
    [{ ...v, id: 3, type: 'kv', command: 5 }, 3, 'kv: command:'],
    [{ ...v, id: 4, type: 'show-panels', panels: ['chart'] }, 4, 'show-panels: panels.0:'],
    [{ ...v, id: 5, type: 'set-speed', speed: -1 }, 5, 'set-speed: speed:'],
  ])('answers %j with an error naming what is wrong', (message, id, text) => {
    const read = readHostMessage(message);
    expect(read.ok).toBe(false);
    expect(read.id).toBe(id);
    if (!read.ok) expect(read.error).toContain(text);
  });

  it('names nodes as the page does, or by the harness number', () => {
    expect(nodeOf('S1', 3)).toBe(0);
    expect(nodeOf(2, 3)).toBe(2);
    expect(nodeOf('S4', 3)).toBe('no node "S4": this cluster has S1 to S3 (or 0 to 2)');
    expect(nodeOf(-1, 3)).toMatch(/^no node -1/);
    expect(nodeOf('s1', 3)).toMatch(/^no node "s1"/);
  });
});
