/** Addresses of this browser's clusters: the plain URL opens yours; cluster=ID a kept one. */

/** Parameters that pick a cluster (or make a new one); the rest (speed, theme) stay. */
const CLUSTER_PARAMS = ['cluster', 'nodes', 'seed', 'embed'];

export function homeUrl(href: string): string {
  const url = new URL(href);
  for (const p of CLUSTER_PARAMS) url.searchParams.delete(p);
  url.hash = '';
  return url.toString();
}

export function keptUrl(href: string, clusterId: string): string {
  const url = new URL(homeUrl(href));
  url.searchParams.set('cluster', clusterId);
  return url.toString();
}
