/**
 * The event log: recent trace events as sentences, newest at the bottom, filtered by kind,
 * node and text. Reads the runtime's trace again only when `traceVersion` changes.
 */
import { useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeName } from '../../util/node-name';
import { useActions, useSession } from '../context';
import { EventRows } from '../events/EventRows';
import { ExplainedTrace } from '../events/explained-trace';
import { EVENT_GROUPS, type EventFilter, type EventGroup, SHOW_ALL } from '../events/filter';
import { useStore } from '../store/store';
import '../events/events.css';

// The filter outlives the tab: switching panels and back keeps it.
let rememberedFilter: EventFilter = SHOW_ALL;

export function EventLog() {
  const [version, inspecting] = useStore(
    useShallow((s) => [s.traceVersion, s.playback.inspecting] as const),
  );
  const session = useSession();
  const actions = useActions();
  const [filter, setFilterState] = useState(rememberedFilter);
  const setFilter = (next: EventFilter) => {
    rememberedFilter = next;
    setFilterState(next);
  };
  const index = useRef<ExplainedTrace | null>(null);
  index.current ??= new ExplainedTrace();
  const trace = session.controller?.trace() ?? [];
  // biome-ignore lint/correctness/useExhaustiveDependencies: version says when the trace changed
  const { rows, droppedFront } = useMemo(() => {
    const rows = index.current!.update(trace, filter);
    return { rows, droppedFront: index.current!.droppedFront };
  }, [trace, filter, version]);

  const toggle = (group: EventGroup) => {
    const groups = new Set(filter.groups);
    if (groups.has(group)) groups.delete(group);
    else groups.add(group);
    setFilter({ ...filter, groups });
  };

  return (
    <div className="event-log">
      <fieldset className="event-filters">
        <legend className="visually-hidden">Filter events</legend>
        {EVENT_GROUPS.map((g) => (
          <button
            key={g.id}
            type="button"
            className={`event-group-toggle group-${g.id}`}
            aria-pressed={filter.groups.has(g.id)}
            onClick={() => toggle(g.id)}
          >
            <span aria-hidden="true">{filter.groups.has(g.id) ? '☑' : '☐'}</span>
            <span aria-hidden="true" className="event-glyph">
              {g.glyph}
            </span>
            {g.label}
          </button>
        ))}
        <NodeFilter node={filter.node} onChange={(node) => setFilter({ ...filter, node })} />
        <input
          type="search"
          className="event-search"
          placeholder="Search…"
          aria-label="Search events"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
        />
        <span className="event-count" aria-live="off">
          {rows.length.toLocaleString('en')} of {trace.length.toLocaleString('en')}
        </span>
      </fieldset>
      {rows.length === 0 && (
        <p className="event-empty">
          {trace.length === 0 ? 'No events yet.' : 'No event matches these filters.'}
        </p>
      )}
      <EventRows
        rows={rows}
        version={version}
        droppedFront={droppedFront}
        inspecting={inspecting}
        onPickTime={(t) => actions.inspect(t)}
      />
    </div>
  );
}

function NodeFilter({
  node,
  onChange,
}: {
  node: number | null;
  onChange: (node: number | null) => void;
}) {
  const size = useStore((s) => s.view?.nodes.length ?? 0);
  return (
    <select
      aria-label="Only events about node"
      value={node === null ? '' : String(node)}
      onChange={(e) =>
        onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))
      }
    >
      <option value="">All nodes</option>
      {Array.from({ length: size }, (_, i) => i).map((id) => (
        <option key={id} value={id}>
          {nodeName(id)}
        </option>
      ))}
    </select>
  );
}
