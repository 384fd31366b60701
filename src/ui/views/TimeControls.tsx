/** TimeControls: to be built. */
export function TimeControls({ compact = false }: { compact?: boolean }) {
  return <div className="placeholder">{compact ? 'time' : 'TimeControls'}</div>;
}
