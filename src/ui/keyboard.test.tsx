// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actions } from './actions';
import { useKeyboardShortcuts } from './keyboard';
import { clusterView, node, status } from './log/test-fixtures';
import { initialState, useStore } from './store/store';
import { type Mounted, mountWithActions } from './test-mount';
import { NodeDetails } from './views/NodeDetails';

const calls: string[] = [];
const actions: Partial<Actions> = {
  act: (a) => calls.push(`${a.type} ${'node' in a ? a.node : ''}`),
};

function Shortcuts() {
  useKeyboardShortcuts();
  return <NodeDetails />;
}

let page: Mounted;

beforeEach(() => {
  calls.length = 0;
  const ids = [0, 1, 2];
  const view = clusterView(
    ids.map((id) => node(id, status({ role: 'follower', term: 2 }))),
    ids.map(() => []),
  );
  useStore.setState(initialState({ view }));
  page = mountWithActions(<Shortcuts />, actions);
});

afterEach(() => page.unmount());

const press = (key: string) =>
  act(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

describe('number keys select nodes by their names: key n selects Sn', () => {
  it('key 2 selects S2, which is node id 1', () => {
    press('2');
    expect(useStore.getState().selection.node).toBe(1);
    expect(page.host.querySelector('aside')!.getAttribute('aria-label')).toBe('S2 details');
    expect(page.host.querySelector('h2')!.textContent).toBe('S2');
  });

  it('key 1 selects S1 (id 0), and the other keys act on the node selected', () => {
    press('1');
    expect(page.host.querySelector('h2')!.textContent).toBe('S1');
    press('c');
    expect(calls).toEqual(['crash 0']);
  });

  it('a key beyond the cluster size selects nothing', () => {
    press('4');
    expect(useStore.getState().selection.node).toBeNull();
  });
});
