#!/usr/bin/env node
// Entry point for the `waspada` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs as `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('waspada: the compiled CLI is missing; run `npm run build` (npm ci does it for you).\n');
  process.exit(1);
}
await import(main.href);
