// Decides which contacts link posts in the entity graph. Official sites and bare platform links appear in
// warnings, legal ads and spoofed ads alike; linking on them would fuse unrelated campaigns into one.
import table from './data/shared-contacts.json' with { type: 'json' };

const SUFFIXES: readonly string[] = table.neverMergeSuffixes;
const BARE_HOSTS = new Set<string>(table.bareHosts);

/** True when a contact of this kind and value must not link posts (see data/shared-contacts.json). */
export function isSharedContact(kind: string, value: string): boolean {
  if (kind !== 'url') return false;
  const withoutScheme = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  const cut = withoutScheme.search(/[/?#]/);
  const host = (cut < 0 ? withoutScheme : withoutScheme.slice(0, cut)).replace(/^www\./, '').replace(/:\d+$/, '');
  const rest = cut < 0 ? '' : withoutScheme.slice(cut).replace(/^\/+$/, '');
  if (host === '') return true;
  if (SUFFIXES.some((suffix) => host.endsWith(suffix) || `.${host}` === suffix)) return true;
  return rest === '' && BARE_HOSTS.has(host);
}
