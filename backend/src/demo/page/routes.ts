/** The page's locations, in the hash so the demo server serves one document for all of them. */
export type Route = { page: 'list' } | { page: 'application'; namespace: string; name: string };

export function applicationPath(namespace: string, name: string): string {
  return `#/applications/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

export function routeOf(hash: string): Route {
  const match = /^#\/applications\/([^/]+)\/([^/?]+)/.exec(hash);
  if (!match?.[1] || !match[2]) return { page: 'list' };
  return { page: 'application', namespace: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) };
}
