/**
 * One Tab stop for a group of many focusable items (72 link lanes, hundreds of messages):
 * Tab reaches the group's current item, arrow keys move between items, Home/End jump.
 */
const ITEM = '[data-roving]';

export function installRoving(group: Element): () => void {
  const items = () => Array.from(group.querySelectorAll<SVGElement | HTMLElement>(ITEM));
  const onKey = (e: Event) => {
    const key = (e as KeyboardEvent).key;
    const list = items();
    if (list.length === 0) return;
    let at = list.indexOf(document.activeElement as SVGElement);
    // Focus on the group itself (its item went away): the arrows start from either end.
    if (at === -1 && document.activeElement !== group) return;
    if (at === -1 && key !== 'ArrowRight' && key !== 'ArrowDown') at = 0;
    let next = -1;
    if (key === 'ArrowRight' || key === 'ArrowDown') next = (at + 1) % list.length;
    else if (key === 'ArrowLeft' || key === 'ArrowUp') next = (at - 1 + list.length) % list.length;
    else if (key === 'Home') next = 0;
    else if (key === 'End') next = list.length - 1;
    if (next === -1) return;
    e.preventDefault();
    list[next]!.focus();
  };
  // No focusin listener on the group: Chromium makes an SVG element with focus listeners
  // focusable, which would add a Tab stop. Items call `becomeTabStop` on focus instead.
  group.addEventListener('keydown', onKey);
  return () => group.removeEventListener('keydown', onKey);
}

/** The focused item is the group's Tab stop from now on. */
export function becomeTabStop(item: Element): void {
  const group = item.parentElement;
  if (group === null) return;
  for (const other of group.querySelectorAll(ITEM)) {
    const want = other === item ? '0' : '-1';
    if (other.getAttribute('tabindex') !== want) other.setAttribute('tabindex', want);
  }
}

/** After items came or went: exactly one of them is the Tab stop. */
export function keepOneTabStop(group: Element): void {
  const list = group.querySelectorAll(ITEM);
  let stop: Element | null = null;
  for (const item of list) {
    if (item.getAttribute('tabindex') === '0') {
      if (stop === null) stop = item;
      else item.setAttribute('tabindex', '-1');
    }
  }
  if (stop === null) list[0]?.setAttribute('tabindex', '0');
}

/** Enter or Space on a focused item acts like a click. */
export function isActivation(e: KeyboardEvent): boolean {
  return e.key === 'Enter' || e.key === ' ';
}
