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
import { useStore } from './store/store';
import { useNarrow } from './use-narrow';
import { InvariantLight } from './views/InvariantLight';
import { Notices } from './views/Notices';
import { PhoneWorkspace } from './views/PhoneWorkspace';
import { Settings } from './views/Settings';
import { ShareButton } from './views/ShareButton';
import { TimeControls } from './views/TimeControls';
import { Workspace } from './views/Workspace';

export function App() {
  const embed = useStore((s) => s.embed);
  const started = useStore((s) => s.view !== null);
  const running = useStore((s) => s.ownership === 'running');
  const narrow = useNarrow();
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
      <main className={narrow ? 'workspace phone-workspace' : 'workspace'}>
        {lesson !== null && <LessonPanel player={lesson} />}
        {narrow ? <PhoneWorkspace /> : <Workspace />}
      </main>
    </div>
  );
}
