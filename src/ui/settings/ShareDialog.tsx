/**
 * The share dialog's content: a link that replays this run (same seed, same interventions
 * at the same moments) up to now and then pauses, and an iframe snippet to embed it.
 */
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../context';
import { embedSnippet } from './share-links';

type Link =
  | { status: 'making' }
  | { status: 'ready'; link: string }
  | { status: 'failed'; why: string };

export function SharePanel() {
  const session = useSession();
  const [link, setLink] = useState<Link>({ status: 'making' });

  useEffect(() => {
    let live = true;
    const { origin, pathname, search } = window.location;
    session.shareLink(origin + pathname + search).then(
      (url) => live && setLink({ status: 'ready', link: url }),
      (e: unknown) =>
        live && setLink({ status: 'failed', why: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [session]);

  if (link.status === 'making') return <p role="status">Making the link…</p>;
  if (link.status === 'failed')
    return (
      <p role="alert" className="field-error">
        The link could not be made: {link.why}
      </p>
    );
  return (
    <div className="share-panel">
      <p>
        This link replays the run — same seed, same interventions at the same moments — up to the
        moment you made it, then pauses there.
      </p>
      <CopyField label="Link" value={link.link} testId="share-link" />
      <CopyField
        label="Embed in a page"
        value={embedSnippet(link.link)}
        testId="share-embed"
        multiline
      />
    </div>
  );
}

function CopyField({
  label,
  value,
  testId,
  multiline = false,
}: {
  label: string;
  value: string;
  testId: string;
  multiline?: boolean;
}) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState('');
  const id = `${testId}-field`;
  const selectText = () => {
    field.current?.focus();
    field.current?.select();
  };
  const copy = () => {
    const fallback = () => {
      selectText();
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    };
    if (navigator.clipboard?.writeText === undefined) return fallback();
    navigator.clipboard.writeText(value).then(() => setCopied('Copied.'), fallback);
  };
  const common = {
    id,
    ref: field,
    readOnly: true,
    value,
    onFocus: selectText,
    'data-testid': testId,
    spellCheck: false,
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
        <button type="button" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          Copy
        </button>
      </div>
      <span className="copy-status" role="status">
        {copied}
      </span>
    </div>
  );
}
