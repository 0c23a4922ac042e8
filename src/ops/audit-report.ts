// Pure part of the dependency audit (scripts/audit.ts): reads `npm audit --json` output and the allowlist,
// and says which advisories are not accepted.
import { z } from 'zod';

export const AllowlistEntry = z.object({
  /** GHSA id, e.g. GHSA-xxxx-xxxx-xxxx (the end of the advisory URL). */
  id: z.string().regex(/^GHSA-[\w-]+$/, 'a GHSA id'),
  package: z.string().min(1),
  /** Why it is accepted: not reachable, no fix, dev-only path… Required. */
  reason: z.string().min(15, 'give a reason of a sentence'),
  /** ISO date after which the entry no longer counts. */
  until: z.string().date().optional(),
});
export const Allowlist = z.object({ advisories: z.array(AllowlistEntry) });
export type Allowlist = z.infer<typeof Allowlist>;

export interface Advisory {
  id: string;
  package: string;
  severity: string;
  title: string;
  url: string;
}

const Via = z.object({ source: z.union([z.number(), z.string()]).optional(), name: z.string(), title: z.string().default(''), url: z.string().default(''), severity: z.string().default('unknown') });
const AuditJson = z.object({
  vulnerabilities: z.record(z.string(), z.object({ via: z.array(z.union([z.string(), Via.passthrough()])) }).passthrough()).default({}),
});

export class AuditUnavailableError extends Error {
  override name = 'AuditUnavailableError';
}

/** Advisories in an `npm audit --json` report, one per GHSA id and package. */
export function advisoriesOf(report: unknown): Advisory[] {
  const asObject = report as { error?: { summary?: string }; statusCode?: number; message?: string } | null;
  if (asObject && (asObject.statusCode || (asObject.error && !('vulnerabilities' in asObject)))) {
    throw new AuditUnavailableError(`npm audit could not ask the registry: ${asObject.message ?? asObject.error?.summary ?? 'unknown error'}`);
  }
  const parsed = AuditJson.parse(report);
  const seen = new Map<string, Advisory>();
  for (const entry of Object.values(parsed.vulnerabilities)) {
    for (const via of entry.via) {
      if (typeof via === 'string') continue;
      const id = /GHSA-[\w-]+/.exec(via.url)?.[0] ?? `npm-${via.source ?? via.title}`;
      seen.set(`${id}:${via.name}`, { id, package: via.name, severity: via.severity, title: via.title, url: via.url });
    }
  }
  return [...seen.values()];
}

export function unaccepted(advisories: Advisory[], allowlist: Allowlist, today = new Date().toISOString().slice(0, 10)): Advisory[] {
  const live = allowlist.advisories.filter((a) => !a.until || a.until >= today);
  return advisories.filter((adv) => !live.some((a) => a.id === adv.id && a.package === adv.package));
}
