// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialState, useStore } from '../store/store';
import type { ConsoleEntry } from '../store/types';
import { type Mounted, mountWithActions } from '../test-mount';
import { CLIP_CHARS } from './ClippedText';
import { ConsoleResults } from './ConsoleResults';

const big = `SET x ${'v'.repeat(100_000)}`;
const rows: ConsoleEntry[] = [
  { id: 1, client: 'c1', text: big, status: 'ok', result: { prevFound: false }, latency: 3 },
  { id: 2, client: 'c1', text: 'GET x', status: 'fail', error: `no: ${'e'.repeat(500)}` },
  { id: 3, client: 'c1', text: 'SET y "a b"', status: 'ok', result: { prevFound: false } },
];

let page: Mounted;
beforeEach(() => {
  useStore.setState(initialState({ console: rows }));
  page = mountWithActions(<ConsoleResults />, {});
});
afterEach(() => page.unmount());

const cell = (row: number, column: string) =>
  page.host.querySelectorAll('tbody tr')[row]!.querySelector<HTMLElement>(column)!;
const toggle = (row: number, column: string) =>
  cell(row, column).querySelector<HTMLButtonElement>('button.kv-more');

describe('long console cells', () => {
  it('a 100 KB command shows only its start and an ellipsis, not the whole text', () => {
    const text = cell(0, '.kv-cmd').querySelector('.kv-clipped')!.textContent!;
    expect(text).toBe(`${big.slice(0, CLIP_CHARS)}…`);
    expect(page.host.textContent!.length).toBeLessThan(2000);
  });

  it('a button named for what it shows opens the whole text and closes it again', () => {
    const button = toggle(0, '.kv-cmd')!;
    expect(button.getAttribute('aria-label')).toBe('Show all of the command (100,006 characters)');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    act(() => button.click());
    expect(cell(0, '.kv-cmd').querySelector('.kv-whole')!.textContent).toBe(big);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('Show less of the command (100,006 characters)');
    act(() => button.click());
    expect(cell(0, '.kv-cmd').querySelector('.kv-whole')).toBeNull();
  });

  it('a long error in the Result column is cut short the same way', () => {
    expect(cell(1, '.kv-result').querySelector('.kv-clipped')!.textContent).toMatch(/^no: e+…$/);
    expect(toggle(1, '.kv-result')!.getAttribute('aria-label')).toBe(
      'Show all of the result (504 characters)',
    );
  });

  it('short cells are plain text without a button', () => {
    expect(cell(2, '.kv-cmd').textContent).toBe('SET y "a b"');
    expect(toggle(2, '.kv-cmd')).toBeNull();
  });

  it('the screen-reader announcement of the newest line is cut short too', () => {
    act(() => useStore.setState({ console: [...rows, { ...rows[0]!, id: 4 }] }));
    const live = page.host.querySelector('[aria-live]')!.textContent!;
    expect(live.length).toBeLessThan(200);
  });
});
