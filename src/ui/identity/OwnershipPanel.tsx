/**
 * What the page shows while it does not run its cluster: another tab runs it (with the
 * way to take it over), this page is asking for it, or another tab took it from here.
 */
import { useSession } from '../context';
import { useStore } from '../store/store';
import type { Ownership } from '../store/types';
import './identity.css';

const TEXT: Record<Exclude<Ownership, 'running'>, { title: string; body: string }> = {
  claiming: { title: 'Opening the cluster…', body: '' },
  elsewhere: {
    title: 'This cluster is open in another tab',
    body: 'Only one tab at a time runs a cluster, so that two sets of nodes never write the same storage. It keeps running there. Take it over here, or close the other tab and it opens here by itself.',
  },
  'taking-over': {
    title: 'Taking the cluster over…',
    body: 'The other tab stops its nodes once their last writes have landed; then the cluster starts here.',
  },
  releasing: {
    title: 'Another tab is taking this cluster over…',
    body: 'Its nodes stop here once their last writes have landed.',
  },
  released: {
    title: 'This cluster now runs in another tab',
    body: 'Its nodes stopped here after their last writes landed: nothing was lost. You can take it back.',
  },
};

export function OwnershipPanel() {
  const session = useSession();
  const ownership = useStore((s) => s.ownership);
  const identity = useStore((s) => s.identity);
  const config = useStore((s) => s.config);
  if (ownership === 'running') return null;
  const text = TEXT[ownership];
  const canTake = ownership === 'elsewhere' || ownership === 'released';
  return (
    <main className="ownership" aria-labelledby="ownership-title">
      <h1 id="ownership-title">{text.title}</h1>
      {identity !== null && ownership !== 'claiming' && (
        <p className="ownership-which">
          {identity.name} · {config.nodes} nodes · seed {config.seed}
        </p>
      )}
      {text.body !== '' && <p role="status">{text.body}</p>}
      {canTake && (
        <button type="button" className="primary" onClick={() => session.takeOver()}>
          {ownership === 'released' ? 'Take it back here' : 'Take over here'}
        </button>
      )}
    </main>
  );
}
