/**
 * The page's one store (zustand), fed by frames from the runtime. It holds immutable
 * snapshots only, never a live simulator; views select the slice they draw.
 */

import { create } from 'zustand';
import { APP_SPEED_DEFAULT } from '../../defaults';
import { DEFAULT_PANELS } from '../../embed/panels';
import { newClusterConfig } from '../../runtime/cluster-config';
import { withNotice } from './notices';
import type { StoreState } from './types';

export { NOTICES_MAX } from './notices';

export function initialState(partial: Partial<StoreState> = {}): StoreState {
  return {
    config: newClusterConfig(),
    identity: null,
    ownership: 'claiming',
    view: null,
    playback: { speed: APP_SPEED_DEFAULT, paused: false, inspecting: null, inspectLoading: false },
    selection: { node: null, messageId: null },
    clients: [],
    console: [],
    history: {
      ops: [],
      verdict: { status: 'unchecked' },
      checkedOps: 0,
      checkedSignature: '',
      dropped: 0,
    },
    traceVersion: 0,
    notices: [],
    embed: false,
    panels: DEFAULT_PANELS,
    locked: false,
    highlight: { nodes: [], messageTypes: [], entries: [] },
    ...partial,
  };
}

export const useStore = create<StoreState>(() => initialState());

let noticeIds = 0;

/** Shows a message; the same problem again updates its notice instead of adding one. */
export function addNotice(text: string): void {
  const id = ++noticeIds;
  useStore.setState((s) => ({ notices: withNotice(s.notices, text, id) }));
}

export function dismissNotice(id: number): void {
  useStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function selectNode(node: number | null): void {
  useStore.setState((s) => ({ selection: { ...s.selection, node } }));
}

export function selectMessage(messageId: number | null): void {
  useStore.setState((s) => ({ selection: { ...s.selection, messageId } }));
}
