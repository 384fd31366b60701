/**
 * Says which cluster the page runs when it is not the user's own: a run from a link or
 * URL parameters (not saved unless kept) or a cluster kept earlier; with the way home.
 */
import { useState } from 'react';
import { useSession } from '../context';
import { addNotice, useStore } from '../store/store';
import { homeUrl, keptUrl } from './urls';
import './identity.css';

export function ClusterBanner() {
  const session = useSession();
  const identity = useStore((s) => s.identity);
  const [justKept, setJustKept] = useState(false);
  if (identity === null || identity.role === 'home') return null;
  const keep = () => {
    try {
      const id = session.keep();
      window.history.replaceState(null, '', keptUrl(window.location.href, id));
      setJustKept(true);
    } catch (e) {
      addNotice(`This run could not be kept: ${e instanceof Error ? e.message : String(e)}.`);
    }
  };
  return (
    <section className="page-banner cluster-banner" aria-label="Which cluster this is">
      {identity.role === 'scratch' ? (
        <p>
          <strong>{identity.name}</strong> — not saved. It runs beside your own cluster, which is
          untouched; closing this tab discards it.
        </p>
      ) : (
        <p>
          <strong>{identity.name}</strong> — kept in this browser.
          {justKept && (
            <span role="status"> Kept: open it again from Settings → Saved clusters.</span>
          )}
        </p>
      )}
      <div className="cluster-banner-actions">
        {identity.role === 'scratch' && (
          <button type="button" onClick={keep}>
            Keep this run
          </button>
        )}
        <a href={homeUrl(window.location.href)}>Open your cluster</a>
      </div>
    </section>
  );
}
