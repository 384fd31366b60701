/** InvariantLight: to be built. */
export function InvariantLight() {
  return <div className="placeholder">InvariantLight</div>;
}
