import { useState } from 'react';
import { useSession } from './context';
import { EmbedApp } from './embed/EmbedApp';
import { ExportButton } from './export/ExportButton';
import { BreakRuleButton } from './find/BreakRule';
import { FoundRunPanel } from './find/FoundRunPanel';
import { UnsafeBanner } from './find/UnsafeBanner';
import { ClusterBanner } from './identity/ClusterBanner';
import { OwnershipPanel } from './identity/OwnershipPanel';
import { useKeyboardShortcuts } from './keyboard';
import { KeyMoments } from './lesson/KeyMoments';
import { LessonPanel } from './lesson/LessonPanel';
import { LessonsButton } from './lesson/LessonsButton';
import { Welcome } from './lesson/Welcome';
import { SpaceTimeView } from './spacetime/SpaceTimeView';
import { useStore } from './store/store';
import { ClusterView } from './views/ClusterView';
import { EventLog } from './views/EventLog';
import { HistoryView } from './views/HistoryView';
import { InvariantLight } from './views/InvariantLight';
import { KvConsole } from './views/KvConsole';
import { LogView } from './views/LogView';
import { NodeDetails } from './views/NodeDetails';
import { Notices } from './views/Notices';
import { Settings } from './views/Settings';
import { ShareButton } from './views/ShareButton';
import { TimeControls } from './views/TimeControls';

type Tab = 'console' | 'history' | 'events' | 'spacetime';
const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'console', label: 'KV console' },
  { id: 'history', label: 'History' },
  { id: 'events', label: 'Event log' },
  { id: 'spacetime', label: 'Space-time' },
];

export function App() {
  const embed = useStore((s) => s.embed);
  const started = useStore((s) => s.view !== null);
  const running = useStore((s) => s.ownership === 'running');
  const [tab, setTab] = useState<Tab>('console');
  const lesson = useSession().lesson;
  const identity = useStore((s) => s.identity);
  useKeyboardShortcuts();
  if (!running) return <OwnershipPanel />;
  if (!started) return <p className="starting">Starting the cluster…</p>;
  if (embed) return <EmbedApp />;
  return (
    <div className={lesson === null ? 'app' : 'app with-lesson'}>
      <header className="topbar">
        <h1>Raft playground</h1>
        <InvariantLight />
        <TimeControls />
        <div className="topbar-end">
          <LessonsButton />
          <BreakRuleButton />
          <ShareButton />
          <ExportButton />
          <Settings />
        </div>
      </header>
      <ClusterBanner />
      <UnsafeBanner />
      <FoundRunPanel />
      <Notices />
      {lesson === null && identity?.role === 'home' && <Welcome />}
      <KeyMoments canPause={lesson === null} />
      <main className="workspace">
        {lesson !== null && <LessonPanel player={lesson} />}
        <section className="stage" aria-label="Cluster">
          <ClusterView />
          <NodeDetails />
        </section>
        <section className="logs" aria-label="Logs">
          <LogView />
        </section>
        <section className="bottom" aria-label="Clients, history and events">
          <div role="tablist" aria-label="Panels" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`panel-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`panel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            className="tabpanel"
          >
            {tab === 'console' && <KvConsole />}
            {tab === 'history' && <HistoryView />}
            {tab === 'events' && <EventLog />}
            {tab === 'spacetime' && <SpaceTimeView />}
          </div>
        </section>
      </main>
    </div>
  );
}
