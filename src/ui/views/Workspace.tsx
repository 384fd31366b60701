/**
 * The desktop workspace: the cluster with the selected node's details, the logs beside
 * them, and the other panels as tabs below the cluster.
 */
import { useState } from 'react';
import { ClusterView } from './ClusterView';
import { NodeDetails } from './NodeDetails';
import { PanelTabs } from './PanelTabs';
import { PanelContent, panelTabs } from './panels';

const TABS = panelTabs(['console', 'history', 'events', 'spacetime'] as const);
type Tab = (typeof TABS)[number]['id'];

export function Workspace() {
  const [tab, setTab] = useState<Tab>('console');
  return (
    <>
      <section className="stage" aria-label="Cluster">
        <ClusterView />
        <NodeDetails />
      </section>
      <section className="logs" aria-label="Logs">
        <PanelContent id="logs" />
      </section>
      <section className="bottom" aria-label="Clients, history and events">
        <PanelTabs tabs={TABS} selected={tab} onSelect={setTab} label="Panels">
          <PanelContent id={tab} />
        </PanelTabs>
      </section>
    </>
  );
}
