/** ShareButton: to be built. */
export function ShareButton() {
  return <div className="placeholder">ShareButton</div>;
}
