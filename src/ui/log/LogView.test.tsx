// @vitest-environment happy-dom
import { act, Profiler } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialState, useStore } from '../store/store';
import type { ClusterView } from '../store/types';
import { LogView } from '../views/LogView';
import { LOG_GEOMETRY } from './geometry';
import { clusterView, entries, node, progress, status } from './test-fixtures';
import { contentWidth } from './virtual-columns';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LENGTH = 10_000;

function bigCluster(): ClusterView {
  const terms = Array.from({ length: LENGTH }, (_, i) => 1 + Math.floor(i / 1000));
  const log = entries(terms, (i) => ({
    kind: 'kv',
    session: 1,
    seq: i,
    command: { op: 'set', key: 'x', value: `${i}` },
  }));
  const leader = status({
    role: 'leader',
    term: 10,
    commitIndex: LENGTH - 5,
    lastApplied: LENGTH - 5,
    progress: [1, 2, 3, 4].map((p) => progress(p, LENGTH + 1, LENGTH)),
  });
  const follower = status({ role: 'follower', term: 10, commitIndex: LENGTH - 5 });
  return clusterView(
    [
      node(0, leader, LENGTH),
      node(1, follower, LENGTH),
      node(2, follower, LENGTH),
      node(3, follower, LENGTH),
      node(4, null, LENGTH),
    ],
    [log, log, log, log, log],
    { leader: 0 },
  );
}

let container: HTMLDivElement;
let root: Root;
let commits = 0;

beforeEach(() => {
  useStore.setState(initialState({ view: bigCluster() }));
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  commits = 0;
  act(() =>
    root.render(
      <Profiler id="logs" onRender={() => commits++}>
        <LogView />
      </Profiler>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('LogView with a 10,000-entry log', () => {
  it('renders only the visible columns, not every entry', () => {
    const cells = container.querySelectorAll('li.logcell');
    expect(cells.length).toBeGreaterThan(0);
    // 5 rows x (a viewport of columns + overscan): far fewer than 5 x 10,000.
    expect(cells.length).toBeLessThan(5 * 30);
    expect(container.querySelectorAll('.logrow')).toHaveLength(5);
  });

  it('names each row by its node, S1 for node 0, and the leader it is compared with', () => {
    const names = [...container.querySelectorAll('.logrow-cells')].map(
      (ol) => ol.getAttribute('aria-label')?.split(' (')[0],
    );
    expect(names).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(container.querySelector('.logrow-name')!.textContent).toContain('S1');
    expect(container.querySelector('.logview-count')!.textContent).toContain(
      'compared with leader S1',
    );
  });

  it('sizes the scroll content for every entry so the scrollbar spans the whole log', () => {
    const content = container.querySelector<HTMLElement>('.logview-content')!;
    expect(content.style.width).toBe(`${contentWidth(LENGTH, LOG_GEOMETRY)}px`);
  });

  it('opens on the newest entries and names each cell with its index, term, command and state', () => {
    const row = container.querySelector('.logrow')!;
    const labels = [...row.querySelectorAll('li.logcell')].map((c) => c.getAttribute('aria-label'));
    expect(labels.at(-1)).toBe('Entry 10000, term 10, SET x 10000, not committed yet');
    expect(labels).toContain('Entry 9995, term 10, SET x 9995, committed, applied');
  });

  it('a frame that changes nothing it draws neither re-renders nor touches the DOM', async () => {
    await act(async () => {});
    const commitsBefore = commits;
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(container, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const view = useStore.getState().view!;
    act(() =>
      useStore.setState({
        view: {
          ...view,
          now: view.now + 16,
          nodes: view.nodes.map((n) =>
            n.status === null ? n : { ...n, status: { ...n.status, nextDeadline: 999 } },
          ),
        },
      }),
    );
    await Promise.resolve();
    observer.disconnect();
    expect(records).toEqual([]);
    expect(commits).toBe(commitsBefore);
  });

  it('re-renders when the log version says the logs changed', () => {
    const view = useStore.getState().view!;
    const longer = view.logs.map((l) => [...l, { index: LENGTH + 1, term: 10, command: null }]);
    act(() =>
      useStore.setState({ view: { ...view, logs: longer, logVersion: view.logVersion + 1 } }),
    );
    expect(container.querySelector('.logview-count')!.textContent).toContain(
      `${LENGTH + 1} entries`,
    );
  });
});
