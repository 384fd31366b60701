/** HistoryView: to be built. */
export function HistoryView() {
  return <div className="placeholder">HistoryView</div>;
}
