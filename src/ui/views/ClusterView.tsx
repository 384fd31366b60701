/**
 * The cluster view: nodes on a ring, the links between them (each direction its own lane),
 * messages in flight moving in virtual time, and the tools to cut links and partition.
 * The drawing itself is in ../cluster (d3 joins driven by store subscriptions). "As a
 * table" shows the same state as text instead.
 */
import { useState } from 'react';
import '../cluster/cluster.css';
import { ClusterCanvas } from '../cluster/ClusterCanvas';
import { ClusterTable } from '../cluster/ClusterTable';
import { Legend } from '../cluster/Legend';
import { MessagePopover } from '../cluster/MessagePopover';
import { PartitionTool } from '../cluster/PartitionTool';
import { InspectBadge, LeaderChip, OmittedMessages } from '../cluster/StageStatus';
import { useStore } from '../store/store';

// The choice outlives the panel (an embed's panels can be swapped by its host).
let rememberedTable = false;

export function ClusterView() {
  const locked = useStore((s) => s.locked);
  const [table, setTableState] = useState(rememberedTable);
  const setTable = (on: boolean) => {
    rememberedTable = on;
    setTableState(on);
  };
  return (
    <div className="cluster-view">
      <div className="cluster-header">
        <InspectBadge />
        {!locked && <PartitionTool />}
        <LeaderChip />
        <button
          type="button"
          className="cluster-as-table"
          aria-pressed={table}
          onClick={() => setTable(!table)}
        >
          As a table
        </button>
      </div>
      {table ? (
        <ClusterTable />
      ) : (
        <div className="cluster-stage">
          <ClusterCanvas />
          <OmittedMessages />
          <MessagePopover />
          <Legend />
        </div>
      )}
    </div>
  );
}
