/**
 * The KV history: each client's operations on a virtual-time axis, and whether they are
 * linearizable. Reads: history (ops, verdict), clients, console (who waits), view.now.
 */
import '../history/history.css';
import { useAutoCheck } from '../history/auto-check';
import { Timeline } from '../history/Timeline';
import { VerdictBar } from '../history/VerdictBar';

export function HistoryView() {
  useAutoCheck();
  return (
    <div className="history">
      <VerdictBar />
      <p className="hexplain">
        <strong>Linearizable</strong>: each operation seems to take effect at one instant inside its
        bar, as if on a single copy.
      </p>
      <Timeline />
    </div>
  );
}
