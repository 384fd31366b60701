/**
 * Settings → Saved clusters: the clusters this browser keeps (yours and the runs you
 * kept), each with a link that opens it and, for the others, a delete with confirmation.
 */
import { useState } from 'react';
import type { SavedCluster } from '../../runtime/cluster-registry';
import { useSession } from '../context';
import { addNotice, useStore } from '../store/store';
import { homeUrl, keptUrl } from './urls';

export function SavedClusters() {
  const session = useSession();
  const currentId = useStore((s) => s.identity?.id ?? null);
  const [clusters, setClusters] = useState(() => session.savedClusters());
  const [confirming, setConfirming] = useState<string | null>(null);

  const remove = async (c: SavedCluster) => {
    try {
      await session.deleteSaved(c.config.clusterId);
    } catch (e) {
      addNotice(`Could not delete “${c.name}”: ${e instanceof Error ? e.message : String(e)}`);
    }
    setConfirming(null);
    setClusters(session.savedClusters());
  };

  return (
    <fieldset>
      <legend>Saved clusters — in this browser</legend>
      <ul className="saved-clusters">
        {clusters.map((c) => {
          const id = c.config.clusterId;
          const href =
            c.role === 'home' ? homeUrl(window.location.href) : keptUrl(window.location.href, id);
          return (
            <li key={id}>
              <span>
                <strong>{c.name}</strong> · {c.config.nodes} nodes · seed {c.config.seed}
                {id === currentId && ' · open here'}
              </span>
              {id !== currentId && <a href={href}>Open</a>}
              {c.role === 'kept' &&
                id !== currentId &&
                (confirming === id ? (
                  <span role="alert">
                    Delete it and its stored data?{' '}
                    <button type="button" className="danger" onClick={() => void remove(c)}>
                      Yes, delete
                    </button>{' '}
                    <button type="button" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    aria-label={`Delete ${c.name}`}
                    onClick={() => setConfirming(id)}
                  >
                    Delete…
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
