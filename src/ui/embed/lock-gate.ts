/**
 * A locked embed (lock=1, or the host's lock command): the viewer watches and the host
 * page drives. The page's own controls go through this gate; the host's commands do not.
 */
import type { Actions } from '../actions';
import { addNotice, useStore } from '../store/store';

export const LOCKED_NOTICE = 'The course page drives this cluster: you can watch, not change it.';

export function lockGate(actions: Actions): Actions {
  const locked = (): boolean => {
    if (!useStore.getState().locked) return false;
    addNotice(LOCKED_NOTICE);
    return true;
  };
  return {
    ...actions,
    act: (a) => void (locked() || actions.act(a)),
    addClient: async (pinnedTo) => (locked() ? null : actions.addClient(pinnedTo)),
    kv: (client, command) => void (locked() || actions.kv(client, command)),
    refuse: (client, text, error) => void (locked() || actions.refuse(client, text, error)),
    setSpeed: (speed) => void (locked() || actions.setSpeed(speed)),
    pause: () => void (locked() || actions.pause()),
    resume: () => void (locked() || actions.resume()),
    togglePause: () => void (locked() || actions.togglePause()),
    step: () => void (locked() || actions.step()),
    inspect: (at) => void (locked() || actions.inspect(at)),
    checkHistory: () => void (locked() || actions.checkHistory()),
  };
}
