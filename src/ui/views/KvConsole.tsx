/** KvConsole: to be built. */
export function KvConsole() {
  return <div className="placeholder">KvConsole</div>;
}
