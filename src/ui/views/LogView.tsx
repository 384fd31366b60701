/** LogView: to be built. */
export function LogView() {
  return <div className="placeholder">LogView</div>;
}
