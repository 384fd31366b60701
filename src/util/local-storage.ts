/**
 * The browser's localStorage, or null where there is none or reading it throws (a
 * private window, storage disabled, a test without a DOM): callers then keep nothing.
 */
export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
