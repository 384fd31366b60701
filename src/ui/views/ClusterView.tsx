/**
 * The cluster view: nodes on a ring, the links between them (each direction its own lane),
 * messages in flight moving in virtual time, and the tools to cut links and partition.
 * The drawing itself is in ../cluster (d3 joins driven by store subscriptions).
 */
import '../cluster/cluster.css';
import { ClusterCanvas } from '../cluster/ClusterCanvas';
import { Legend } from '../cluster/Legend';
import { MessagePopover } from '../cluster/MessagePopover';
import { PartitionTool } from '../cluster/PartitionTool';
import { InspectBadge, LeaderChip, OmittedMessages } from '../cluster/StageStatus';
import { useStore } from '../store/store';

export function ClusterView() {
  const locked = useStore((s) => s.locked);
  return (
    <div className="cluster-view">
      <div className="cluster-header">
        <InspectBadge />
        {!locked && <PartitionTool />}
        <LeaderChip />
      </div>
      <div className="cluster-stage">
        <ClusterCanvas />
        <OmittedMessages />
        <MessagePopover />
        <Legend />
      </div>
    </div>
  );
}
