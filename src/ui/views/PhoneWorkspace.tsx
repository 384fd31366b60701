/**
 * The workspace on a phone: one column, the cluster always on top (it is what reacts to
 * everything else), and every other panel as one set of tabs below it. A tap on a node or
 * a link opens its menu over the drawing; the node's full state is the "Node details" tab.
 */
import './phone.css';
import { useState } from 'react';
import { LinkMenu } from '../cluster/LinkMenu';
import { NodeMenu } from '../cluster/NodeMenu';
import { ClusterView } from './ClusterView';
import { PanelTabs } from './PanelTabs';
import { PanelContent, type PanelId, panelTabs } from './panels';

const TABS = panelTabs(['logs', 'console', 'node', 'history', 'events', 'spacetime'] as const);

export function PhoneWorkspace() {
  const [tab, setTab] = useState<PanelId>('logs');
  return (
    <>
      <section className="stage" aria-label="Cluster">
        <ClusterView />
        {/* The details tab has the same buttons: no second copy over it. */}
        {tab !== 'node' && <NodeMenu />}
        <LinkMenu />
      </section>
      <section className="bottom phone-panels" aria-label="Logs, clients, history and events">
        <PanelTabs
          tabs={TABS}
          selected={tab}
          onSelect={setTab}
          label="Panels"
          className="tabs phone-tabs"
        >
          <PanelContent id={tab} />
        </PanelTabs>
      </section>
    </>
  );
}
