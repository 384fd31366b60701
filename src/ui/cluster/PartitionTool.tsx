/**
 * The cluster's network tools: a partition mode (put nodes in groups A, B, C by clicking
 * them, then Apply) and Heal all. Disabled while looking at the past. The two toolbars
 * replace each other, so the button that switched them is gone: focus goes to the pressed
 * group's button on the way in and back to Partition… on the way out.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useActions } from '../context';
import { useStore } from '../store/store';
import {
  cancelPartition,
  GROUP_NAMES,
  type Group,
  groupsOf,
  setBrush,
  startPartition,
  usePartitionDraft,
} from './partition-draft';

export function PartitionTool() {
  const actions = useActions();
  const { size, inspecting, damaged } = useStore(
    useShallow((s) => ({
      size: s.view?.nodes.length ?? 0,
      inspecting: s.view?.mode === 'inspect' || s.playback.inspecting !== null,
      damaged:
        s.view !== null &&
        (s.view.network.linkUp.includes(false) || s.view.network.connected.includes(false)),
    })),
  );
  const draft = usePartitionDraft();
  const groups = groupsOf(draft.groupOf);
  const opener = useRef<HTMLButtonElement>(null);
  const brush = useRef<HTMLButtonElement>(null);
  const wasActive = useRef(draft.active);
  useEffect(() => {
    if (wasActive.current === draft.active) return;
    wasActive.current = draft.active;
    // Only when focus was on the toolbar that went away: never take it from elsewhere.
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    (draft.active ? brush : opener).current?.focus();
  }, [draft.active]);

  // Looking at the past: nothing can be changed, and the header says which moment it is.
  if (inspecting) return null;
  if (!draft.active) {
    return (
      <div className="cluster-toolbar" role="toolbar" aria-label="Network tools">
        <button
          ref={opener}
          type="button"
          disabled={size === 0}
          onClick={() => startPartition(size)}
          title="Split the cluster into groups that cannot reach each other"
        >
          Partition…
        </button>
        <button
          type="button"
          disabled={!damaged}
          onClick={() => actions.act({ type: 'heal' })}
          title="Reconnect every node and bring every link up (h)"
        >
          Heal all
        </button>
      </div>
    );
  }

  const apply = () => {
    actions.act({ type: 'partition', groups });
    cancelPartition();
  };
  return (
    <div className="cluster-toolbar partition-mode" role="toolbar" aria-label="Partition tool">
      <span className="partition-hint" id="partition-hint">
        Click nodes into
      </span>
      <fieldset className="brushes" aria-describedby="partition-hint">
        <legend className="visually-hidden">Group for the nodes you click</legend>
        {GROUP_NAMES.map((name, g) => (
          <button
            key={name}
            ref={draft.brush === g ? brush : undefined}
            type="button"
            className="brush"
            data-group={name}
            aria-pressed={draft.brush === g}
            aria-label={`Group ${name}`}
            onClick={() => setBrush(g as Group)}
          >
            {name}
          </button>
        ))}
      </fieldset>
      <button
        type="button"
        className="primary"
        disabled={groups.length < 2}
        title={groups.length < 2 ? 'Put at least one node in another group first' : undefined}
        onClick={apply}
      >
        Apply
      </button>
      <button type="button" onClick={cancelPartition}>
        Cancel
      </button>
    </div>
  );
}
