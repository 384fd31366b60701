import { describe, expect, it } from 'vitest';
import { nodeIdOfNumber, nodeName } from './node-name';

describe('node names: people count servers from S1, the code from id 0', () => {
  it.each([
    [0, 'S1'],
    [1, 'S2'],
    [4, 'S5'],
    [8, 'S9'],
  ])('node %i is named %s', (id, name) => {
    expect(nodeName(id)).toBe(name);
  });

  it('the number a person types is the node of that name', () => {
    for (let n = 1; n <= 9; n++) expect(nodeName(nodeIdOfNumber(n))).toBe(`S${n}`);
  });
});
