/** The settings' switches for the features past the core Raft (they need a new cluster). */
import { useId } from 'react';
import type { ReadMode } from '../../raft/types';
import { type FeatureChoice, featureProblem, READ_MODE_LABELS } from './features';

const SWITCHES: ReadonlyArray<{
  readonly key: 'preVote' | 'checkQuorum';
  readonly name: string;
  readonly text: string;
}> = [
  {
    key: 'preVote',
    name: 'PreVote',
    text: '(§9.6): a node asks whether it could win before it raises its term, so a node that rejoins does not depose a healthy leader.',
  },
  {
    key: 'checkQuorum',
    name: 'CheckQuorum',
    text: '(§6.2): a leader that hears from no majority for an election timeout steps down; a follower that hears from a leader ignores RequestVote.',
  },
];

export function FeatureFields({
  value,
  onChange,
}: {
  value: FeatureChoice;
  onChange: (next: FeatureChoice) => void;
}) {
  const id = useId();
  const problem = featureProblem(value);
  return (
    <fieldset>
      <legend>Beyond the core Raft — needs a new cluster</legend>
      {SWITCHES.map(({ key, name, text }) => (
        <label key={key} className="settings-check">
          <input
            type="checkbox"
            checked={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.currentTarget.checked })}
          />
          <span>
            <strong>{name}</strong> {text}
          </span>
        </label>
      ))}
      <div className="settings-field">
        <label htmlFor={`${id}-reads`}>How GETs are served</label>
        <select
          id={`${id}-reads`}
          value={value.readMode}
          aria-invalid={problem !== null}
          aria-describedby={problem === null ? undefined : `${id}-problem`}
          onChange={(e) => onChange({ ...value, readMode: e.currentTarget.value as ReadMode })}
        >
          {(Object.keys(READ_MODE_LABELS) as ReadMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {READ_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
        {problem !== null && (
          <span id={`${id}-problem`} className="field-error">
            <span aria-hidden="true">⚠ </span>
            {problem}
          </span>
        )}
      </div>
    </fieldset>
  );
}
