/**
 * Opens an address of this page afresh. Assigning an address that differs from the
 * current one only in its fragment does not reload the page, so then it reloads.
 */
export function openPage(url: string): void {
  const target = new URL(url, window.location.href);
  const here = window.location;
  if (target.pathname === here.pathname && target.search === here.search) {
    here.hash = target.hash;
    here.reload();
  } else here.assign(target.href);
}
