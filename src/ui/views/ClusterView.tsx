/** ClusterView: to be built. */
export function ClusterView() {
  return <div className="placeholder">ClusterView</div>;
}
