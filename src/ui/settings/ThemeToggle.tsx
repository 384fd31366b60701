/** Light, dark, or the system's theme, as a radio group. */
import { useState } from 'react';
import { applyTheme, loadTheme, saveTheme, type ThemeChoice } from './theme';

const CHOICES: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'light', label: '☀ Light' },
  { id: 'dark', label: '☾ Dark' },
  { id: 'system', label: 'System' },
];

export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(() => loadTheme());
  return (
    <fieldset className="theme-toggle">
      <legend>Theme</legend>
      {CHOICES.map((c) => (
        <label key={c.id}>
          <input
            type="radio"
            name="theme"
            value={c.id}
            checked={choice === c.id}
            onChange={() => {
              setChoice(c.id);
              saveTheme(c.id);
              applyTheme(c.id);
            }}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
