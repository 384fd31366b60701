/**
 * The settings dialog's content: network settings that apply to the running cluster at
 * once; node count, seed and timing that need a new cluster (after a confirmation); the theme.
 */
import { type ChangeEvent, useEffect, useId, useState } from 'react';
import { useActions, useSession } from '../context';
import { percent } from '../events/explain';
import { SavedClusters } from '../identity/SavedClusters';
import { addNotice, useStore } from '../store/store';
import { FeatureFields } from './FeatureFields';
import { featureConfig, featureProblem, featuresOf, featureWords } from './features';
import { ThemeToggle } from './ThemeToggle';
import {
  checkSettings,
  type FieldErrors,
  formFrom,
  type SettingsForm,
  sameNetwork,
} from './validate';

/** Wait this long after the last keystroke before changing the running network. */
const NETWORK_APPLY_DELAY = 400;

function currentForm(): SettingsForm {
  const s = useStore.getState();
  return formFrom(s.config, s.view?.network.settings ?? s.config.network);
}

/** The form's fields, in order, with their labels. */
const NETWORK_FIELDS: ReadonlyArray<readonly [keyof SettingsForm, string]> = [
  ['delayMin', 'Delay min (ms)'],
  ['delayMax', 'Delay max (ms)'],
  ['dropPercent', 'Drop rate (%)'],
  ['duplicatePercent', 'Duplicate rate (%)'],
];
const CLUSTER_FIELDS: ReadonlyArray<readonly [keyof SettingsForm, string]> = [
  ['nodes', 'Nodes (3–9)'],
  ['seed', 'Seed'],
  ['electionMin', 'Election timeout min (ms)'],
  ['electionMax', 'Election timeout max (ms)'],
  ['heartbeat', 'Heartbeat (ms)'],
];

export function SettingsPanel({ onHelp }: { onHelp: () => void }) {
  const actions = useActions();
  const session = useSession();
  const [form, setForm] = useState(currentForm);
  const [features, setFeatures] = useState(() => featuresOf(useStore.getState().config));
  const [applied, setApplied] = useState('');
  const [confirming, setConfirming] = useState<'apply' | 'reset' | null>(null);
  const [resetting, setResetting] = useState(false);
  const clusterName = useStore((s) => s.identity?.name ?? 'this cluster');
  const checked = checkSettings(form);
  const network = checked.network;
  const featuresOk = featureProblem(features) === null;

  // Network changes reach the running cluster shortly after the user stops typing.
  const wanted = network === null ? null : JSON.stringify(network);
  useEffect(() => {
    if (wanted === null) return;
    const next = JSON.parse(wanted) as NonNullable<typeof network>;
    const current = useStore.getState().view?.network.settings;
    if (current !== undefined && sameNetwork(current, next)) return;
    const timer = setTimeout(() => {
      actions.act({ type: 'setNetwork', network: next });
      setApplied(
        `Applied: delay ${next.delayMs[0]}–${next.delayMs[1]} ms, drop ${percent(next.dropRate)}, duplicate ${percent(next.duplicateRate)}.`,
      );
    }, NETWORK_APPLY_DELAY);
    return () => clearTimeout(timer);
  }, [actions, wanted]);

  const field = (name: keyof SettingsForm) => ({
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setForm({ ...form, [name]: e.currentTarget.value }),
  });

  const reset = async () => {
    setResetting(true);
    try {
      if (confirming === 'apply' && checked.cluster !== null && network !== null)
        await session.reset({ ...checked.cluster, network, ...featureConfig(features) });
      else await session.reset({});
    } catch (e) {
      addNotice(`The cluster could not be reset: ${e instanceof Error ? e.message : String(e)}`);
      setResetting(false);
      setConfirming(null);
    }
  };

  return (
    <div className="settings-panel">
      <fieldset>
        <legend>Network — applies to the running cluster</legend>
        <FieldGrid fields={NETWORK_FIELDS} errors={checked.errors} field={field} />
        <p className="settings-status" role="status" data-testid="network-status">
          {applied}
        </p>
      </fieldset>

      <fieldset>
        <legend>Cluster — changes need a new cluster</legend>
        <FieldGrid fields={CLUSTER_FIELDS} errors={checked.errors} field={field} />
      </fieldset>

      <FeatureFields value={features} onChange={setFeatures} />

      <fieldset>
        <legend>Start again</legend>
        {confirming === null ? (
          <div className="settings-actions">
            <button
              type="button"
              disabled={checked.cluster === null || network === null || !featuresOk}
              onClick={() => setConfirming('apply')}
            >
              Apply and reset…
            </button>
            <button type="button" onClick={() => setConfirming('reset')}>
              Reset cluster…
            </button>
          </div>
        ) : (
          <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
            <p id="confirm-text">
              <strong>This stops “{clusterName}” and deletes its stored data.</strong> Other saved
              clusters are kept.{' '}
              {confirming === 'apply'
                ? `A new cluster of ${checked.cluster?.nodes} nodes with seed ${checked.cluster?.seed}, election timeout ${checked.cluster?.electionTimeoutMs.join('–')} ms, heartbeat ${checked.cluster?.heartbeatMs} ms and features: ${featureWords(features)} starts.`
                : 'A new cluster with the same settings starts.'}
            </p>
            <div className="settings-actions">
              <button type="button" className="danger" disabled={resetting} onClick={reset}>
                {resetting ? 'Resetting…' : 'Yes, reset the cluster'}
              </button>
              <button type="button" disabled={resetting} onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </fieldset>

      <SavedClusters />

      <ThemeToggle />
      <div className="settings-actions">
        <button type="button" onClick={onHelp}>
          Keyboard shortcuts
        </button>
      </div>
    </div>
  );
}

function NumberField({
  label,
  name,
  errors,
  value,
  onChange,
}: {
  label: string;
  name: keyof SettingsForm;
  errors: FieldErrors;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  const id = useId();
  const error = errors[name];
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={onChange}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
      />
      {error !== undefined && (
        <span id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      )}
    </div>
  );
}

/** One grid of number fields from a list of [name, label]. */
function FieldGrid(props: {
  fields: ReadonlyArray<readonly [keyof SettingsForm, string]>;
  errors: Parameters<typeof NumberField>[0]['errors'];
  field: (name: keyof SettingsForm) => {
    value: string;
    onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  };
}) {
  return (
    <div className="settings-grid">
      {props.fields.map(([name, label]) => (
        <NumberField
          key={name}
          label={label}
          name={name}
          errors={props.errors}
          {...props.field(name)}
        />
      ))}
    </div>
  );
}
