// Who may call what: one declarative table of every route with its authentication and roles.
// The access middleware refuses any request that matches no row, so a route missing here is closed.
import type { Role } from '../review/roles.js';

export type Auth = 'public' | 'session' | 'token';

export interface AccessRule {
  method: 'GET' | 'POST';
  path: string;
  auth: Auth;
  roles: readonly Role[];
}

const ANY: readonly Role[] = ['analyst', 'supervisor', 'operator', 'researcher', 'admin'];
const REVIEWERS: readonly Role[] = ['analyst', 'supervisor', 'admin'];
const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
const OPERATORS: readonly Role[] = ['operator', 'admin'];
const RESEARCHERS: readonly Role[] = ['researcher', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

/** Case actions every reviewer may take, and those kept for supervisors. */
export const REVIEWER_ACTIONS = ['claim', 'release', 'decide', 'refer', 'outcome'] as const;
export const SUPERVISOR_ACTIONS = ['review', 'reroute', 'reopen', 'close'] as const;

const rule = (method: AccessRule['method'], path: string, auth: Auth, roles: readonly Role[]): AccessRule => ({ method, path, auth, roles });

export const ACCESS: readonly AccessRule[] = [
  rule('GET', '/healthz', 'public', []),
  rule('GET', '/metrics', 'public', []),
  rule('GET', '/login', 'public', []),
  rule('POST', '/login', 'public', []),
  rule('GET', '/static/console.js', 'public', []),
  rule('GET', '/static/console.css', 'public', []),

  rule('POST', '/logout', 'session', ANY),
  rule('GET', '/', 'session', REVIEWERS),
  rule('POST', '/cases/bulk', 'session', REVIEWERS),
  rule('GET', '/cases/:id', 'session', REVIEWERS),
  ...REVIEWER_ACTIONS.map((a) => rule('POST', `/cases/:id/${a}`, 'session', REVIEWERS)),
  ...SUPERVISOR_ACTIONS.map((a) => rule('POST', `/cases/:id/${a}`, 'session', SUPERVISORS)),
  rule('GET', '/cases/:id/export', 'session', REVIEWERS),
  rule('GET', '/export', 'session', REVIEWERS),
  rule('GET', '/evidence/:id', 'session', REVIEWERS),
  rule('GET', '/console/campaigns', 'session', REVIEWERS),
  rule('GET', '/console/campaigns/post/:id', 'session', REVIEWERS),
  rule('GET', '/console/campaigns/:id', 'session', REVIEWERS),
  rule('GET', '/console/campaigns/:id/export', 'session', REVIEWERS),
  rule('GET', '/console/takedowns', 'session', REVIEWERS),
  rule('GET', '/sources', 'session', OPERATORS),
  rule('POST', '/sources/:name/run', 'session', OPERATORS),
  rule('GET', '/research', 'session', RESEARCHERS),
  rule('GET', '/audit', 'session', ADMINS),

  rule('GET', '/api/openapi.json', 'token', ANY),
  rule('GET', '/api/me', 'token', ANY),
  rule('GET', '/api/cases', 'token', REVIEWERS),
  rule('GET', '/api/cases/:id', 'token', REVIEWERS),
  ...REVIEWER_ACTIONS.map((a) => rule('POST', `/api/cases/:id/${a}`, 'token', REVIEWERS)),
  ...SUPERVISOR_ACTIONS.map((a) => rule('POST', `/api/cases/:id/${a}`, 'token', SUPERVISORS)),
  rule('GET', '/api/export', 'token', REVIEWERS),
  rule('POST', '/api/posts', 'token', OPERATORS),
  rule('GET', '/api/sources', 'token', OPERATORS),
  rule('POST', '/api/sources/:name/run', 'token', OPERATORS),
  rule('GET', '/api/models', 'token', RESEARCHERS),
  rule('GET', '/api/shadow/disagreements', 'token', RESEARCHERS),
  rule('GET', '/api/audit/verify', 'token', ADMINS),
];

function compile(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

const COMPILED = ACCESS.map((r) => ({ rule: r, re: compile(r.path) }));

/** The rule for a request; HEAD is treated as GET. */
export function findRule(method: string, path: string): AccessRule | null {
  const m = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((c) => c.rule.method === m && c.re.test(path))?.rule ?? null;
}
