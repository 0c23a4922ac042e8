// The OpenAPI 3.1 document of /api, generated from the access table (paths, roles) and the zod
// schemas (bodies, parameters), so it cannot drift from what the server enforces.
import { z } from 'zod';
import { Case, CaseStatus } from '../contracts/case.js';
import { ReviewQueue } from '../contracts/common.js';
import { Post, PostInput } from '../contracts/post.js';
import { CaseCommand } from '../review/case-service.js';
import { ACCESS } from './access.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const QUERIES: Record<string, Array<{ name: string; schema: z.ZodType; description: string }>> = {
  '/api/cases': [
    { name: 'queue', schema: ReviewQueue, description: 'komdigi or polri' },
    { name: 'status', schema: CaseStatus, description: 'case status' },
    { name: 'limit', schema: z.number().int().min(1).max(1000), description: 'page size (default 100)' },
    { name: 'offset', schema: z.number().int().min(0), description: 'rows to skip' },
  ],
  '/api/export': [
    { name: 'queue', schema: ReviewQueue, description: 'agency format' },
    { name: 'format', schema: z.enum(['zip', 'csv', 'jsonl']), description: 'file format (default zip)' },
    { name: 'status', schema: z.enum(['decided', 'referred', 'all']), description: 'cases decided as scam and not yet referred (default), referred, or all' },
  ],
};

function bodyFor(method: string, path: string): unknown {
  if (method !== 'POST') return undefined;
  if (path === '/api/posts') return { required: true, content: { 'application/json': { schema: { type: 'array', items: schema(PostInput), maxItems: 5000 } } } };
  const action = /^\/api\/cases\/:id\/(\w+)$/.exec(path)?.[1];
  if (!action) return undefined;
  const option = CaseCommand.options.find((o) => o.shape.action.value === action);
  if (!option) return undefined;
  // The action comes from the path, so it is dropped from the body schema.
  const body = schema(option) as { properties?: Record<string, unknown>; required?: string[] };
  delete body.properties?.action;
  body.required = (body.required ?? []).filter((k) => k !== 'action');
  return { required: false, content: { 'application/json': { schema: body } } };
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const rule of ACCESS) {
    if (!rule.path.startsWith('/api')) continue;
    const path = rule.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...rule.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: m[1] === 'id' ? 'integer' : 'string' } })),
      ...(rule.method === 'GET' ? (QUERIES[rule.path] ?? []).map((q) => ({ name: q.name, in: 'query', required: false, description: q.description, schema: schema(q.schema) })) : []),
    ];
    const ok =
      rule.path === '/api/cases'
        ? { description: 'cases by priority', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { allOf: [schema(Case), { type: 'object', properties: { post: schema(Post) } }] } } } } } } }
        : { description: 'success' };
    (paths[path] ??= {})[rule.method.toLowerCase()] = {
      summary: `${rule.method} ${rule.path}`,
      description: `Roles: ${rule.roles.join(', ')}`,
      'x-roles': rule.roles,
      security: [{ bearer: [] }],
      parameters,
      requestBody: bodyFor(rule.method, rule.path),
      responses: {
        '200': ok,
        '400': { description: 'invalid input' },
        '401': { description: 'missing or invalid bearer token' },
        '403': { description: 'role not allowed' },
        ...(rule.path.includes(':id') ? { '404': { description: 'no such case' }, '409': { description: 'the case is held by someone else or its status does not allow the action' } } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Waspada review API', version: '1', description: 'Suspect trafficking and scam job posts, review cases, decisions and referral exports. Tokens: `waspada tokens create --username U`.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
