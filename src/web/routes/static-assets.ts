// GET /static/console.js and /static/console.css: the console's script and stylesheet.
import { Hono } from 'hono';
import { CONSOLE_JS } from '../static/console-script.js';
import { CONSOLE_CSS } from '../static/console-style.js';

export function staticRoutes(): Hono {
  const app = new Hono();
  const cache = { 'cache-control': 'public, max-age=300' };
  app.get('/static/console.js', (c) => c.body(CONSOLE_JS, 200, { ...cache, 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/static/console.css', (c) => c.body(CONSOLE_CSS, 200, { ...cache, 'content-type': 'text/css; charset=utf-8' }));
  return app;
}
