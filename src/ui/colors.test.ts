import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, TERM_COLORS, TERM_ZERO_COLOR, termColor, textOn } from './colors';

/** A custom property of theme.css: its light and dark values (one value for both). */
function themeColor(name: string): { light: string; dark: string } {
  const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8');
  const value = new RegExp(`--${name}:\\s*([^;]+);`).exec(css)?.[1]?.trim() ?? '';
  const pair = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/i.exec(value);
  if (pair !== null) return { light: pair[1]!, dark: pair[2]! };
  if (!/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`--${name} is not a colour: ${value}`);
  return { light: value, dark: value };
}

describe('term colours', () => {
  it('the same term has the same colour; neighbouring terms differ; term 0 is grey', () => {
    expect(termColor(3)).toBe(termColor(3 + TERM_COLORS.length));
    for (let t = 1; t <= TERM_COLORS.length; t++) expect(termColor(t)).not.toBe(termColor(t + 1));
    expect(termColor(0)).toBe(TERM_ZERO_COLOR);
  });

  it('text on every term colour reads at 4.5:1 or better (WCAG AA)', () => {
    for (const color of [...TERM_COLORS, TERM_ZERO_COLOR])
      expect(contrast(textOn(color), color), color).toBeGreaterThanOrEqual(4.5);
  });

  it('textOn picks the ink with more contrast', () => {
    expect(textOn('#f0e442')).toBe('#111111');
    expect(textOn('#0072b2')).toBe('#ffffff');
    // Bright-looking but mid-luminance: black reads better than white here.
    expect(textOn('#009e73')).toBe('#111111');
  });

  it('contrast is the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBe(1);
  });
});

describe('message colours (theme.css)', () => {
  it('each kind reads at 3:1 or better on the light and the dark panel and under a white mark', () => {
    const panel = themeColor('panel');
    for (const kind of ['vote', 'append', 'client']) {
      const c = themeColor(`msg-${kind}`);
      expect(contrast(c.light, panel.light), kind).toBeGreaterThanOrEqual(3);
      expect(contrast(c.dark, panel.dark), kind).toBeGreaterThanOrEqual(3);
      expect(contrast(c.light, '#ffffff'), kind).toBeGreaterThanOrEqual(3);
    }
  });
});
