/**
 * For component tests (happy-dom): renders a view inside a session that has only the
 * actions the test gives, and takes it down again.
 */
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Actions } from './actions';
import { SessionContext } from './context';
import type { Session } from './session';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  readonly host: HTMLElement;
  unmount(): void;
}

export function mountWithActions(view: ReactNode, actions: Partial<Actions>): Mounted {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  const session = { actions } as unknown as Session;
  act(() => root.render(<SessionContext.Provider value={session}>{view}</SessionContext.Provider>));
  return {
    host,
    unmount: () => {
      act(() => root.unmount());
      host.remove();
    },
  };
}
