/**
 * Keyboard shortcuts (documented in the README and the help dialog):
 *   space pause/resume · . step one event · 1-9 select S1-S9 · c crash · r restart
 *   t force election timeout · d disconnect/reconnect · h heal all · Esc deselect
 */
import { useEffect } from 'react';
import { nodeIdOfNumber, nodeName } from '../util/node-name';
import { closeLinkMenu } from './cluster/link-menu';
import { useActions } from './context';
import { selectMessage, selectNode, useStore } from './store/store';

export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['Space', 'pause or resume'],
  ['.', 'step one event'],
  ['1–9', `select ${nodeName(nodeIdOfNumber(1))}–${nodeName(nodeIdOfNumber(9))}`],
  ['c', 'crash the selected node'],
  ['r', 'restart the selected node'],
  ['t', 'make the selected node time out (start an election)'],
  ['d', 'disconnect or reconnect the selected node'],
  ['h', 'heal every link'],
  ['Esc', 'clear the selection'],
  ['?', 'show the keyboard shortcuts'],
];

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (el === null || typeof el.closest !== 'function') return false;
  return el.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

export function useKeyboardShortcuts(): void {
  const actions = useActions();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingInField(e.target)) return;
      const s = useStore.getState();
      if (s.locked) return;
      const node = s.selection.node;
      const size = s.view?.nodes.length ?? 0;
      if (e.key === ' ') {
        // A focused button handles its own space.
        if ((e.target as HTMLElement | null)?.tagName === 'BUTTON') return;
        e.preventDefault();
        actions.togglePause();
      } else if (e.key === '.') actions.step();
      else if (/^[1-9]$/.test(e.key) && Number(e.key) <= size)
        selectNode(nodeIdOfNumber(Number(e.key)));
      else if (e.key === 'Escape') {
        selectNode(null);
        selectMessage(null);
        closeLinkMenu();
      } else if (e.key === 'h') actions.act({ type: 'heal' });
      else if (node !== null && e.key === 'c') actions.act({ type: 'crash', node });
      else if (node !== null && e.key === 'r') actions.act({ type: 'restart', node });
      else if (node !== null && e.key === 't') actions.act({ type: 'expireElectionTimer', node });
      else if (node !== null && e.key === 'd') {
        if (s.view?.network.connected[node] === false) actions.act({ type: 'reconnect', node });
        else actions.act({ type: 'disconnect', node });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
