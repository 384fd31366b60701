import { describe, expect, it } from 'vitest';
import { tabForKey } from './PanelTabs';

describe('the arrow keys move between tabs (WAI-ARIA tabs pattern)', () => {
  it.each([
    ['ArrowRight', 0, 1],
    ['ArrowRight', 3, 0],
    ['ArrowLeft', 0, 3],
    ['ArrowLeft', 2, 1],
    ['Home', 2, 0],
    ['End', 1, 3],
  ])('%s from tab %i of 4 goes to tab %i', (key, at, to) => {
    expect(tabForKey(key, at, 4)).toBe(to);
  });

  it('other keys are not tab keys', () => {
    expect(tabForKey('Enter', 1, 4)).toBeNull();
    expect(tabForKey('ArrowDown', 1, 4)).toBeNull();
  });
});
