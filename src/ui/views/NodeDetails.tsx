/** NodeDetails: to be built. */
export function NodeDetails() {
  return <div className="placeholder">NodeDetails</div>;
}
