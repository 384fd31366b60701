/** The console's results, newest at the bottom; follows new lines while scrolled down. */
import { useLayoutEffect, useRef, useState } from 'react';
import type { ServedBy } from '../../kv/types';
import { nodeName } from '../../util/node-name';
import { SERVED_BY } from '../events/explain';
import { useStore } from '../store/store';
import type { ConsoleEntry } from '../store/types';
import { ClippedText, clip } from './ClippedText';
import { kvResultText } from './result-text';

/** Each status has its own icon and word, so colour is never the only sign. */
export const STATUS: Readonly<
  Record<ConsoleEntry['status'], { icon: string; word: string; tip: string }>
> = {
  pending: {
    icon: '…',
    word: 'pending',
    tip: 'sent; waiting for the cluster to commit and answer',
  },
  ok: { icon: '✓', word: 'ok', tip: 'committed and applied exactly once' },
  fail: { icon: '✗', word: 'failed', tip: 'definitely not applied' },
  unknown: {
    icon: '?',
    word: 'unknown',
    tip: 'no answer before the deadline: it may or may not have been applied',
  },
  refused: { icon: '⊘', word: 'refused', tip: 'not sent: the line is not a valid command' },
};

/** How a GET was served without a log entry, as a short tag beside its result. */
const SERVED_WORDS: Readonly<Record<ServedBy, string>> = {
  readIndex: 'by ReadIndex',
  lease: 'on the lease',
};

export function resultText(e: ConsoleEntry): string {
  if (e.status === 'ok') {
    const op = e.text.trim().split(/\s+/, 1)[0]!.toLowerCase();
    return kvResultText(op, e.result);
  }
  return e.error ?? '';
}

function latencyText(e: ConsoleEntry): string {
  if (e.latency === undefined) return '';
  const ms = e.latency;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

function retriesText(e: ConsoleEntry): string {
  if (e.attempts === undefined) return '';
  return String(Math.max(0, e.attempts - 1));
}

export function ConsoleResults() {
  const entries = useStore((s) => s.console);
  const box = useRef<HTMLElement>(null);
  // Follow the newest line unless the user scrolled up to read older ones.
  const stuck = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el !== null && stuck.current && entries.length > 0) el.scrollTop = el.scrollHeight;
  }, [entries]);

  if (entries.length === 0) {
    return (
      <section
        className="kv-results kv-empty"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        aria-label="Command results"
      >
        <p>
          Send a command to the cluster: type <code>SET x 1</code> below and press Enter. A client
          finds the leader, the leader replicates the command to a majority, and the answer shows
          here with its latency in virtual milliseconds.
        </p>
      </section>
    );
  }
  return (
    <section
      className="kv-results"
      ref={box}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must be reachable by keyboard
      tabIndex={0}
      aria-label="Command results"
      onScroll={(e) => {
        const el = e.currentTarget;
        stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      <table>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Command</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
            <th scope="col" className="kv-num">
              Latency
            </th>
            <th scope="col" className="kv-num" title="Requests sent again: attempts − 1">
              Retries
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className={`kv-row kv-${e.status}`}>
              <td className="kv-client" data-label="Client">
                {e.client}
              </td>
              <td className="kv-cmd">
                <ClippedText text={e.text} what="command" />
              </td>
              <td className="kv-status" title={STATUS[e.status].tip}>
                <span aria-hidden="true" className="kv-icon">
                  {STATUS[e.status].icon}
                </span>{' '}
                {STATUS[e.status].word}
              </td>
              <td className="kv-result" data-label="Result">
                <ClippedText text={resultText(e)} what="result" />
                {e.servedBy !== undefined && (
                  <span className="kv-served" title={SERVED_BY[e.servedBy]}>
                    {SERVED_WORDS[e.servedBy]}
                  </span>
                )}
              </td>
              <td className="kv-num kv-latency" data-label="Latency">
                {latencyText(e)}
              </td>
              <td className="kv-num kv-retries" data-label="Retries">
                {retriesText(e)}
                {e.tries !== undefined && e.tries.length > 0 && <TriesToggle entry={e} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="visually-hidden" aria-live="polite">
        {announce(entries.at(-1))}
      </p>
    </section>
  );
}

/** What a screen reader hears when the newest line settles. */
function announce(e: ConsoleEntry | undefined): string {
  if (e === undefined || e.status === 'pending') return '';
  return `${e.client} ${clip(e.text)}: ${STATUS[e.status].word}. ${clip(resultText(e))}`;
}

/**
 * Each request the client sent for a call: which node, and its answer. Closed, it adds no
 * text to the cell (the arrow is drawn by CSS), so the cell still reads as the count.
 */
function TriesToggle({ entry }: { entry: ConsoleEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="kv-tries-toggle"
        aria-label="Each try"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      />
      {open && (
        <ol className="kv-tries">
          {(entry.tries ?? []).map((t, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tries only grow, in order
            <li key={k}>
              {nodeName(t.to)}: {t.answer ?? 'no answer yet'}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
