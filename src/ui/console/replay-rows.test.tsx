// @vitest-environment happy-dom
/**
 * A shared run replayed, or a page reloaded, shows its console rows: the story the
 * runtime sends at start reaches the console through the feed, and the client picker
 * offers the same clients.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuntimeController } from '../../runtime/controller';
import type { RunStory } from '../../runtime/run-story';
import { connectFeed } from '../feed';
import { initialState, useStore } from '../store/store';
import { type Mounted, mountWithActions } from '../test-mount';
import { ClientPicker } from './ClientPicker';
import { ConsoleResults } from './ConsoleResults';

/** A controller that only ever sends its story. */
function controllerWith(story: RunStory): { controller: RuntimeController; send(): void } {
  let listener: ((s: RunStory) => void) | null = null;
  const controller = {
    subscribe: () => () => {},
    onProblemReported: () => () => {},
    onStory: (l: (s: RunStory) => void) => {
      listener = l;
      return () => {};
    },
  } as unknown as RuntimeController;
  return { controller, send: () => act(() => listener?.(story)) };
}

const story: RunStory = {
  events: [
    { kind: 'client-call', t: 310, client: 'c1', op: 'set', key: 'x', value: '1' },
    {
      kind: 'client-return',
      t: 331.5,
      client: 'c1',
      op: 'set',
      key: 'x',
      call: 310,
      attempts: 2,
      outcome: 'ok',
      result: { prevFound: false },
    },
    { kind: 'client-call', t: 340, client: 'c2', op: 'get', key: 'x' },
  ],
  callsDropped: 0,
  verdict: null,
  clients: ['c1', 'c2'],
};

let page: Mounted;
beforeEach(() => useStore.setState(initialState()));
afterEach(() => page.unmount());

describe('the console of a replayed run', () => {
  it('shows the rows the runtime replayed, and the same clients', () => {
    const { controller, send } = controllerWith(story);
    const disconnect = connectFeed(controller);
    page = mountWithActions(
      <>
        <ClientPicker />
        <ConsoleResults />
      </>,
      {},
    );
    send();
    const rows = [...page.host.querySelectorAll('.kv-results tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['c1', 'SET x 1', '✓ ok', 'was absent', '22 ms', '1'],
      ['c2', 'GET x', '… pending', '', '', ''],
    ]);
    const picker = page.host.querySelector('.kv-clients select')!;
    const options = [...picker.querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toEqual(['c1', 'c2']);
    disconnect();
  });
});
