// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { applyTheme, loadTheme, saveTheme, THEME_KEY } from './theme';

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('the colour theme', () => {
  it('follows the system until a choice is made', () => {
    expect(loadTheme()).toBe('system');
  });

  it('remembers light or dark, and forgets the choice for "system"', () => {
    saveTheme('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(loadTheme()).toBe('dark');
    saveTheme('system');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    expect(loadTheme()).toBe('system');
  });

  it('ignores a stored value it does not know, and storage that fails', () => {
    localStorage.setItem(THEME_KEY, 'purple');
    expect(loadTheme()).toBe('system');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadTheme(broken)).toBe('system');
    expect(() => saveTheme('light', broken)).not.toThrow();
  });

  it('sets data-theme on <html>, or removes it to follow the system', () => {
    applyTheme('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    applyTheme('dark');
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    applyTheme('system');
    expect(document.documentElement.hasAttribute('data-theme')).toBe(false);
  });
});
