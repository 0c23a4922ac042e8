// Where Waspada's package.json lives, whether the code runs from the sources (tsx) or from dist/. Kept free of
// heavy imports so light callers (CLI help, version strings) can use it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'waspada') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the waspada package root');
    dir = parent;
  }
}
