// Serves the demo fixture web under /demo-web for manual tries: npx tsx test/collect/helpers/serve-fixture-web.ts [port]
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { fileURLToPath } from 'node:url';
import { createFixtureWeb } from '../../../src/collect/fixture-web.js';

const root = fileURLToPath(new URL('../../../fixtures/sites', import.meta.url));
const app = new Hono();
app.route('/demo-web', createFixtureWeb(root));
const port = Number(process.argv[2] ?? '8099');
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => process.stderr.write(`fixture web on http://127.0.0.1:${port}/demo-web\n`));
