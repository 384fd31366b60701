/**
 * The page inside a course page's iframe (embed=1): the panels the host asked for
 * (panels=), in its order, fitted to the frame; notes for bad parameters; node and link menus.
 */
import type { PanelName } from '../../embed/panels';
import { LinkMenu } from '../cluster/LinkMenu';
import { NodeMenu } from '../cluster/NodeMenu';
import { useSession } from '../context';
import { UnsafeBanner } from '../find/UnsafeBanner';
import { LessonPanel } from '../lesson/LessonPanel';
import { useStore } from '../store/store';
import { ClusterView } from '../views/ClusterView';
import { InvariantLight } from '../views/InvariantLight';
import { Notices } from '../views/Notices';
import { PanelContent } from '../views/panels';
import { TimeControls } from '../views/TimeControls';
import './embed.css';

const LABELS: Readonly<Record<PanelName, string>> = {
  cluster: 'Cluster',
  logs: 'Logs',
  console: 'KV console',
  history: 'History',
  events: 'Event log',
  spacetime: 'Space-time',
  timeline: 'Time',
  lesson: 'Lesson',
};

export function EmbedApp() {
  const panels = useStore((s) => s.panels);
  // The time bar is a bar, not a grid cell: above the rest if listed first, else below.
  const rest = panels.filter((p) => p !== 'timeline');
  const timeline = panels.includes('timeline') ? panels.indexOf('timeline') : -1;
  const bar = timeline === -1 ? null : <PanelBox name="timeline" />;
  const barOnTop = timeline === 0 || rest.length === 0;
  return (
    <div className="app embed">
      <UnsafeBanner />
      <Notices compact />
      {barOnTop && bar}
      {rest.length > 0 && (
        <div className={`embed-panels embed-count-${Math.min(rest.length, 4)}`}>
          {rest.map((p) => (
            <PanelBox key={p} name={p} />
          ))}
        </div>
      )}
      {!barOnTop && bar}
    </div>
  );
}

function PanelBox({ name }: { name: PanelName }) {
  return (
    <section className={`embed-panel embed-${name}`} aria-label={LABELS[name]}>
      <Panel name={name} />
    </section>
  );
}

function Panel({ name }: { name: PanelName }) {
  const lesson = useSession().lesson;
  switch (name) {
    case 'timeline':
      return (
        <div className="embed-bar">
          <InvariantLight />
          <TimeControls compact />
        </div>
      );
    case 'cluster':
      return (
        <>
          <ClusterView />
          <NodeMenu />
          <LinkMenu />
        </>
      );
    case 'logs':
    case 'console':
    case 'history':
    case 'events':
    case 'spacetime':
      return <PanelContent id={name} />;
    case 'lesson':
      return lesson === null ? (
        <p className="placeholder">No lesson here: the page's address names none (lesson=).</p>
      ) : (
        <LessonPanel player={lesson} />
      );
  }
}
