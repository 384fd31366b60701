/** A first visit's offer: a guided start, or straight to the cluster. Asked once. */
import { useState } from 'react';
import { markWelcomeSeen, welcomeSeen } from './progress';

export function Welcome() {
  const [shown, setShown] = useState(() => !welcomeSeen());
  if (!shown) return null;
  return (
    <section className="welcome" aria-label="Welcome">
      <p>
        <strong>This is a real Raft cluster</strong>, running in your browser. Raft is how a group
        of servers agrees on one log even when some of them crash.
      </p>
      <div className="welcome-actions">
        <a className="button primary" href="?lesson=leader-election" onClick={markWelcomeSeen}>
          New to Raft? Start here
        </a>
        {/* A link, not a button: the page's own Play button keeps its name to itself. */}
        <a
          className="button"
          href="./"
          onClick={(e) => {
            e.preventDefault();
            markWelcomeSeen();
            setShown(false);
          }}
        >
          Just let me play
        </a>
      </div>
    </section>
  );
}
