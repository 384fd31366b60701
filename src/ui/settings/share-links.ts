/** The share dialog's texts: the embed URL and the iframe snippet, from a share link. */

/** The same link with embed=1, so the page shows only the cluster and its time controls. */
export function embedUrl(link: string): string {
  const url = new URL(link);
  url.searchParams.set('embed', '1');
  return url.toString();
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** An iframe ready to paste into a page. */
export function embedSnippet(link: string): string {
  return `<iframe src="${attribute(embedUrl(link))}" width="800" height="480" title="Raft playground" style="border:0"></iframe>`;
}
