/** EventLog: to be built. */
export function EventLog() {
  return <div className="placeholder">EventLog</div>;
}
