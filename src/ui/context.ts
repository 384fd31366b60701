import { createContext, useContext } from 'react';
import type { Actions } from './actions';
import type { Session } from './session';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside <SessionContext.Provider>');
  return session;
}

export function useActions(): Actions {
  return useSession().actions;
}
