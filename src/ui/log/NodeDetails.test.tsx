// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actions } from '../actions';
import { initialState, useStore } from '../store/store';
import { type Mounted, mountWithActions } from '../test-mount';
import { NodeDetails } from '../views/NodeDetails';
import { clusterView, entries, node, progress, status } from './test-fixtures';

const calls: string[] = [];
const actions: Partial<Actions> = {
  act: (a) => calls.push(`${a.type} ${'node' in a ? a.node : ''}`),
};

let page: Mounted;

function select(nodeId: number | null) {
  const view = clusterView(
    [
      node(
        0,
        status({
          role: 'leader',
          term: 2,
          votedFor: 0,
          commitIndex: 1,
          lastApplied: 1,
          progress: [progress(1, 2, 1), progress(2, 1, 0, 'probe')],
        }),
        1,
      ),
      node(1, status({ role: 'follower', term: 2, leaderId: 0 }), 1),
      node(2, null, 1),
    ],
    [entries([2]), entries([2]), entries([1])],
    { leader: 0, kv: [{ x: '1' }, {}, {}] },
  );
  act(() =>
    useStore.setState(initialState({ view, selection: { node: nodeId, messageId: null } })),
  );
}

beforeEach(() => {
  calls.length = 0;
  select(null);
  page = mountWithActions(<NodeDetails />, actions);
});

afterEach(() => page.unmount());

const button = (name: string) =>
  [...page.host.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
  )!;

describe('NodeDetails', () => {
  it('asks for a selection when none is made', () => {
    expect(page.host.textContent).toContain('Click or tap a node (or press 1–9)');
  });

  it('shows a leader split into durable and volatile state, with progress and KV contents', () => {
    select(0);
    expect(page.host.querySelector('aside')!.getAttribute('aria-label')).toBe('S1 details');
    expect(page.host.querySelector('h2')!.textContent).toBe('S1');
    const durable = page.host.querySelector('[aria-label="Durable state"]')!.textContent;
    const volatile = page.host.querySelector('[aria-label="Volatile state"]')!.textContent;
    expect(durable).toContain('survives a crash');
    expect(durable).toContain('votedForS1');
    expect(volatile).toContain('lost in a crash');
    expect(volatile).toContain('commitIndex1');
    expect(page.host.querySelectorAll('.nd-table')).toHaveLength(2);
    expect(page.host.querySelector('.nd-kv')!.textContent).toContain('x1');
    const peers = [...page.host.querySelectorAll('.nd-table:not(.nd-kv) tbody th')].map(
      (th) => th.textContent,
    );
    expect(peers).toEqual(['S2', 'S3']);
  });

  it('names the leader a follower follows by its S-name', () => {
    select(1);
    expect(page.host.querySelector('h2')!.textContent).toBe('S2');
    expect(page.host.querySelector('[aria-label="Volatile state"]')!.textContent).toContain(
      'leaderS1',
    );
    expect(page.host.querySelector('fieldset')!.getAttribute('aria-label')).toBe('Act on S2');
  });

  it('a crashed node shows only its durable state, and says so', () => {
    select(2);
    expect(page.host.textContent).toContain('Crashed');
    expect(page.host.querySelector('[aria-label="Volatile state"]')!.textContent).toContain(
      'Lost in the crash',
    );
    expect(page.host.querySelector('.nd-kv')).toBeNull();
    expect(button('Crash').disabled).toBe(true);
    expect(button('Restart').disabled).toBe(false);
  });

  it('buttons send intents through the actions', () => {
    select(1);
    act(() => button('Crash').click());
    act(() => button('Time out').click());
    act(() => button('Disconnect').click());
    expect(calls).toEqual(['crash 1', 'expireElectionTimer 1', 'disconnect 1']);
  });
});
