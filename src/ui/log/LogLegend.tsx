/** The key to the log grid's marks, in words a learner can follow. */
export function LogLegend() {
  return (
    <ul className="loglegend" aria-label="How to read the logs">
      <li>
        <span className="loglegend-swatch logcell-committed" aria-hidden="true" /> committed
      </li>
      <li>
        <span className="loglegend-swatch logcell-uncommitted" aria-hidden="true" /> not committed
        yet
      </li>
      <li>
        <span className="loglegend-glyph" aria-hidden="true">
          ✓
        </span>{' '}
        applied to the key/value store
      </li>
      <li>
        <span className="loglegend-line loglegend-commit" aria-hidden="true" /> commit index
      </li>
      <li>
        <span className="loglegend-glyph loglegend-flag" aria-hidden="true">
          ≠
        </span>{' '}
        differs from the leader's entry
      </li>
      <li>
        <b>next</b> / <b>match</b>: where the leader will send from / what it knows matches
      </li>
      <li>
        <span className="loglegend-swatch loglegend-crashed" aria-hidden="true" /> crashed: its log
        on disk
      </li>
      <li>colour and t-number: the term that created the entry</li>
    </ul>
  );
}
