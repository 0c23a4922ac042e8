// The audit verdict: advisories from an `npm audit --json` report, accepted only by a live allowlist
// entry with a reason; a registry that cannot answer is reported as such, never as clean.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { advisoriesOf, Allowlist, AuditUnavailableError, unaccepted } from '../../src/ops/audit-report.js';

const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    cookie: { name: 'cookie', severity: 'low', via: [{ source: 1103907, name: 'cookie', title: 'cookie accepts out of bounds chars', url: 'https://github.com/advisories/GHSA-pxg6-pf52-xh8x', severity: 'low' }] },
    express: { name: 'express', severity: 'low', via: ['cookie'] },
    tar: { name: 'tar', severity: 'high', via: [{ source: 1, name: 'tar', title: 'path traversal', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', severity: 'high' }] },
  },
};

describe('dependency audit verdict', () => {
  it('lists each advisory once and fails on those not allowlisted', () => {
    const advisories = advisoriesOf(report);
    expect(advisories.map((a) => a.id).sort()).toEqual(['GHSA-aaaa-bbbb-cccc', 'GHSA-pxg6-pf52-xh8x']);
    const allow = Allowlist.parse({ advisories: [{ id: 'GHSA-pxg6-pf52-xh8x', package: 'cookie', reason: 'only reached through a dev server we never ship' }] });
    expect(unaccepted(advisories, allow).map((a) => a.id)).toEqual(['GHSA-aaaa-bbbb-cccc']);
    const expired = Allowlist.parse({ advisories: [{ id: 'GHSA-pxg6-pf52-xh8x', package: 'cookie', reason: 'only reached through a dev server we never ship', until: '2020-01-01' }] });
    expect(unaccepted(advisories, expired)).toHaveLength(2);
  });

  it('refuses allowlist entries without a reason, and the shipped allowlist parses', () => {
    expect(Allowlist.safeParse({ advisories: [{ id: 'GHSA-x', package: 'p', reason: '' }] }).success).toBe(false);
    expect(Allowlist.safeParse(JSON.parse(readFileSync(new URL('../../.audit-allowlist.json', import.meta.url), 'utf8'))).success).toBe(true);
  });

  it('treats a registry error as unavailable, not as a clean audit', () => {
    expect(() => advisoriesOf({ message: '405 Method Not Allowed', statusCode: 405, error: { summary: '' } })).toThrow(AuditUnavailableError);
    expect(advisoriesOf({ auditReportVersion: 2, vulnerabilities: {} })).toEqual([]);
  });
});
