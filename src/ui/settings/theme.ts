/** The colour theme: light, dark, or the system's; remembered in localStorage. */
import { safeLocalStorage } from '../../util/local-storage';

export type ThemeChoice = 'light' | 'dark' | 'system';
export const THEME_KEY = 'raft-playground.theme';

export function loadTheme(
  storage: Pick<Storage, 'getItem'> | null = safeLocalStorage(),
): ThemeChoice {
  try {
    const value = storage?.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(
  choice: ThemeChoice,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null = safeLocalStorage(),
): void {
  try {
    if (choice === 'system') storage?.removeItem(THEME_KEY);
    else storage?.setItem(THEME_KEY, choice);
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}

/** Sets data-theme on <html> (theme.css reads it), or removes it to follow the system. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement) {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
