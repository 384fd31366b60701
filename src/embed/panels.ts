/** The panels an embedded page can show (panels=…), in the order the host lists them. */
export const PANEL_NAMES = [
  'cluster',
  'logs',
  'console',
  'history',
  'events',
  'spacetime',
  'timeline',
  'lesson',
] as const;

export type PanelName = (typeof PANEL_NAMES)[number];

/** What embed=1 shows when panels= is not given: the time controls and the cluster. */
export const DEFAULT_PANELS: readonly PanelName[] = ['timeline', 'cluster'];

export function isPanelName(name: unknown): name is PanelName {
  return typeof name === 'string' && (PANEL_NAMES as readonly string[]).includes(name);
}
