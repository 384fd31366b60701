import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Actions } from '../actions';
import { initialState, useStore } from '../store/store';
import { parseCommandLine } from './command-line';
import { currentClient, recallList, submit, useConsoleUi } from './console-ui';

function fakeActions(): Actions & { created: number } {
  const fake = {
    created: 0,
    addClient: vi.fn(async () => {
      const id = `c${++fake.created}`;
      useStore.setState((s) => ({ clients: [...s.clients, id] }));
      return id;
    }),
    kv: vi.fn(),
    refuse: vi.fn(),
  };
  return fake as unknown as Actions & { created: number };
}

beforeEach(() => {
  useStore.setState(initialState());
  useConsoleUi.setState({ client: null, input: 'line' });
});

describe('sending from the console', () => {
  test('the first command creates the first client, once, even when two are sent at once', async () => {
    const actions = fakeActions();
    await Promise.all([
      submit(actions, 'SET x 1', parseCommandLine('SET x 1')),
      submit(actions, 'GET x', parseCommandLine('GET x')),
    ]);
    expect(actions.addClient).toHaveBeenCalledTimes(1);
    expect(vi.mocked(actions.kv).mock.calls).toEqual([
      ['c1', { op: 'set', key: 'x', value: '1' }],
      ['c1', { op: 'get', key: 'x' }],
    ]);
  });

  test('a bad line is refused with its message and never sent', async () => {
    const actions = fakeActions();
    await submit(actions, 'FROB x', parseCommandLine('FROB x'));
    expect(actions.kv).not.toHaveBeenCalled();
    expect(actions.refuse).toHaveBeenCalledWith(
      '—',
      'FROB x',
      'unknown command FROB: use GET, SET, CAS, APPEND or DEL',
    );
  });

  test('commands go from the chosen client, or the newest when the choice is gone', () => {
    expect(currentClient(['c1', 'c2'], 'c1')).toBe('c1');
    expect(currentClient(['c1', 'c2'], null)).toBe('c2');
    expect(currentClient(['c1'], 'c7')).toBe('c1');
    expect(currentClient([], null)).toBeNull();
  });

  test('↑ recalls earlier lines, newest first, without repeats', () => {
    const line = (id: number, text: string) => ({ id, client: 'c1', text, status: 'ok' as const });
    useStore.setState({ console: [line(1, 'SET x 1'), line(2, 'GET x'), line(3, 'SET x 1')] });
    expect(recallList()).toEqual(['SET x 1', 'GET x']);
  });
});
