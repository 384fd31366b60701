/**
 * A run the failure finder found and shrank, opened from its link: the rule it breaks,
 * the interventions that lead there (each a moment to look at), the nodes the rule
 * names highlighted, and the run as a file or as a text scenario.
 */
import { useEffect, useState } from 'react';
import { formatRunFile } from '../../sim/find/run-file';
import { useActions, useSession } from '../context';
import { download } from '../download';
import { interventionText } from '../events/explain';
import { useStore } from '../store/store';
import { violationText } from '../time/scrub';
import { formatVirtualTime } from '../time/speed-scale';
import './find.css';

export function FoundRunPanel() {
  const session = useSession();
  const found = session.found;
  const actions = useActions();
  const run = session.foundRun();
  const interventions = run?.interventions ?? [];
  const [open, setOpen] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (found === null) return;
    const nodes = [...found.rule.matchAll(/\bS(\d)\b/g)].map((m) => Number(m[1]) - 1);
    useStore.setState((s) => ({ highlight: { ...s.highlight, nodes: [...new Set(nodes)] } }));
  }, [found]);
  if (found === null) return null;
  const saveRunFile = () => {
    if (run !== null)
      download(formatRunFile(run), 'application/json', `failing-run-${run.bug}.json`);
  };
  const saveScenario = async () => {
    if (run === null) return;
    try {
      // The scenario runner is only needed here: loaded on the first click.
      const { scenarioOfRun } = await import('../../sim/find/run-scenario');
      download(scenarioOfRun(run), 'text/plain', `failing-run-${run.bug}.txt`);
      setProblem(null);
    } catch (e) {
      setProblem(`This run cannot be written as a text scenario: ${(e as Error).message}`);
    }
  };
  return (
    <section className="page-banner found-run" aria-label="The failing run">
      <h2>A failing run, shrunk</h2>
      <p>
        At {formatVirtualTime(found.at)} this run breaks a rule:{' '}
        <strong className="found-rule">{violationText(found.rule)}</strong>
      </p>
      <div className="found-actions">
        <button type="button" onClick={() => actions.inspect(found.at)}>
          Show the moment it broke
        </button>
        <button type="button" onClick={saveRunFile}>
          Save the run file
        </button>
        <button type="button" onClick={saveScenario}>
          Save as a text scenario
        </button>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'} the {interventions.length} steps
        </button>
      </div>
      {problem !== null && <p className="found-problem">{problem}</p>}
      {open && (
        <ol className="found-steps" aria-label="What led there">
          {interventions.map((rec, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list never changes; steps may repeat
            <li key={i}>
              <button type="button" className="link-button" onClick={() => actions.inspect(rec.at)}>
                {formatVirtualTime(rec.at)}
              </button>{' '}
              {interventionText(rec.action)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
