/** Settings: to be built. */
export function Settings() {
  return <div className="placeholder">Settings</div>;
}
