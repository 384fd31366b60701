/**
 * "Export": the run as a trace file (JSON, opens again as a replay), the KV history (for
 * `npm run check-history` and for porcupine), the run as a text scenario, and a picture
 * of the cluster and its logs as SVG or PNG for slides. It opens a trace file or a text
 * scenario again, as a replay in a cluster of its own.
 */
import { type ReactNode, useState } from 'react';
import { useSession } from '../context';
import { download } from '../download';
import { openPage } from '../navigate';
import { Dialog } from '../settings/Dialog';
import { encodeSharedRun } from '../share';
import { useStore } from '../store/store';
import { picture, pngOf } from './picture';
import { formatTraceFile, readTraceFile } from './trace-file';
import './export.css';

const SCALES = [1, 2, 3] as const;

export function ExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Export
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Export this run"
        className="export-dialog"
      >
        {open && <ExportPanel />}
      </Dialog>
    </>
  );
}

function ExportPanel() {
  const session = useSession();
  const [note, setNote] = useState<string | null>(null);
  const [scale, setScale] = useState<number>(2);
  const name = () => {
    const c = useStore.getState().config;
    const t = Math.round(useStore.getState().view?.now ?? 0);
    return `raft-${c.nodes}n-seed${c.seed}-${t}ms`;
  };
  const attempt = (what: () => Promise<string | null>) => () => {
    setNote(null);
    what().then(
      (problem) => setNote(problem),
      (e: unknown) => setNote(e instanceof Error ? e.message : String(e)),
    );
  };
  const trace = attempt(async () => {
    const { shared, trace } = await session.sharedRun();
    download(formatTraceFile(shared, trace), 'application/json', `${name()}.trace.json`);
    return null;
  });
  const scenario = attempt(async () => {
    // The scenario runner is loaded only when asked for (it is the simulator).
    const { scenarioOfSharedRun } = await import('./run-exports');
    const text = scenarioOfSharedRun((await session.sharedRun()).shared);
    if (typeof text !== 'string') return `No scenario: ${text.problem}.`;
    download(text, 'text/plain', `${name()}.txt`);
    return null;
  });
  const history = (format: 'json' | 'porcupine') =>
    attempt(async () => {
      const { ops, dropped } = useStore.getState().history;
      if (ops.length === 0) return 'No KV history yet: send a command in the KV console first.';
      const { historyFile, porcupineFile } = await import('./run-exports');
      const text = format === 'json' ? historyFile(ops) : porcupineFile(ops);
      if (typeof text !== 'string') return `No porcupine file: ${text.problem}.`;
      download(
        text,
        format === 'json' ? 'application/json' : 'text/plain',
        `${name()}.history.${format === 'json' ? 'json' : 'txt'}`,
      );
      return dropped > 0
        ? `Saved the newest ${ops.length} operations: the first ${dropped} were let go to keep the page's memory bounded.`
        : null;
    });
  const image = (format: 'svg' | 'png') =>
    attempt(async () => {
      const ring = document.querySelector<SVGSVGElement>(
        '.cluster-stage svg[aria-label^="Cluster"]',
      );
      const view = useStore.getState().view;
      if (view === null) return 'The cluster is not drawn yet.';
      if (ring === null)
        return 'The cluster is shown as a table: turn off "As a table" to take its picture.';
      const p = picture(ring, view, scale);
      if (format === 'svg') download(p.svg, 'image/svg+xml', `${name()}.svg`);
      else download(await pngOf(p), 'image/png', `${name()}.png`);
      return null;
    });
  const openFile = (file: File) =>
    attempt(async () => {
      const text = await file.text();
      // A trace file is JSON; anything else is read as a text scenario.
      const read = text.trimStart().startsWith('{')
        ? readTraceFile(text)
        : (await import('./scenario-run')).sharedRunOfScenario(text);
      const run = typeof read === 'string' ? { problem: read } : read;
      if ('problem' in run) return `${file.name} cannot be replayed: ${run.problem}.`;
      const url = new URL(window.location.href);
      url.search = '';
      url.hash = await encodeSharedRun(run);
      openPage(url.toString());
      return null;
    })();
  return (
    <div className="export-panel">
      <ExportSection
        label="The run"
        why={
          <>
            A trace file replays the same run when opened here; a text scenario runs with{' '}
            <code>npm run scenarios</code>.
          </>
        }
        buttons={[
          ['Trace (JSON)', trace],
          ['Text scenario', scenario],
        ]}
      />
      <ExportSection
        label="The KV history"
        title="What the clients saw"
        why={
          <>
            Check it with <code>npm run check-history</code>, or with porcupine.
          </>
        }
        buttons={[
          ['History (JSON)', history('json')],
          ['History (porcupine)', history('porcupine')],
        ]}
      />
      <ExportSection
        label="A picture"
        title="A picture for slides"
        why="The cluster and its logs as they are now, in this theme."
        buttons={[
          ['Picture (SVG)', image('svg')],
          ['Picture (PNG)', image('png')],
        ]}
      >
        <label>
          Scale{' '}
          <select value={scale} onChange={(e) => setScale(Number(e.target.value))}>
            {SCALES.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </ExportSection>
      <section aria-label="Open a file">
        <h3>Open</h3>
        <label className="export-open">
          Open a trace file or a text scenario{' '}
          <input
            type="file"
            accept=".json,.txt,application/json,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file !== undefined) openFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <p className="export-why">It replays in a cluster of its own; yours is untouched.</p>
      </section>
      {note !== null && (
        <p className="export-note" role="alert">
          {note}
        </p>
      )}
    </div>
  );
}

/** One kind of export: a heading, why you would want it, and its buttons. */
function ExportSection({
  label,
  title = label,
  why,
  buttons,
  children,
}: {
  label: string;
  title?: string;
  why: ReactNode;
  buttons: ReadonlyArray<readonly [string, () => void]>;
  children?: ReactNode;
}) {
  return (
    <section aria-label={label}>
      <h3>{title}</h3>
      <p className="export-why">{why}</p>
      <div className="export-row">
        {children}
        {buttons.map(([name, onClick]) => (
          <button key={name} type="button" onClick={onClick}>
            {name}
          </button>
        ))}
      </div>
    </section>
  );
}
