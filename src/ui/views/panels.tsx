/** The panels a page can show in a tab, once: their names and what each one renders. */
import { SpaceTimeView } from '../spacetime/SpaceTimeView';
import { EventLog } from './EventLog';
import { HistoryView } from './HistoryView';
import { KvConsole } from './KvConsole';
import { LogView } from './LogView';
import { NodeDetails } from './NodeDetails';
import type { TabSpec } from './PanelTabs';

export type PanelId = 'logs' | 'node' | 'console' | 'history' | 'events' | 'spacetime';

const LABELS: Readonly<Record<PanelId, string>> = {
  logs: 'Logs',
  node: 'Node details',
  console: 'KV console',
  history: 'History',
  events: 'Event log',
  spacetime: 'Space-time',
};

export function panelTabs<T extends PanelId>(ids: readonly T[]): ReadonlyArray<TabSpec<T>> {
  return ids.map((id) => ({ id, label: LABELS[id] }));
}

export function PanelContent({ id }: { id: PanelId }) {
  switch (id) {
    case 'logs':
      return <LogView />;
    case 'node':
      return <NodeDetails />;
    case 'console':
      return <KvConsole />;
    case 'history':
      return <HistoryView />;
    case 'events':
      return <EventLog />;
    case 'spacetime':
      return <SpaceTimeView />;
  }
}
