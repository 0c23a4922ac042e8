// Resolves links of a site mounted under a sub-path (a mirror, the demo fixture web): a root-relative
// href such as "/groups/1?bac=…" is taken relative to the mount point, not the host's root.
export function siteRootOf(url: string, marker: RegExp): string {
  const u = new URL(url);
  const m = marker.exec(u.pathname);
  return `${u.origin}${m ? u.pathname.slice(0, m.index) : ''}`;
}

export function resolveHref(href: string, pageUrl: string, root: string): string {
  if (href.startsWith('/') && !href.startsWith('//')) {
    const rootPath = new URL(root).pathname.replace(/\/$/, '');
    if (rootPath && !href.startsWith(`${rootPath}/`)) return new URL(`${rootPath}${href}`, root).toString();
  }
  return new URL(href, pageUrl).toString();
}
