// GET /api/openapi.json: the API description (any valid token).
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { openApiDocument } from '../openapi.js';

export function openApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let doc: Record<string, unknown> | null = null;
  app.get('/api/openapi.json', (c) => c.json((doc ??= openApiDocument())));
  return app;
}
