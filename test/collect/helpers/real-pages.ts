// Reads the real saved pages shipped in fixtures/real-pages (see the README there for their origin and licence).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const REAL_PAGES = fileURLToPath(new URL('../../../fixtures/real-pages/', import.meta.url));
export const FIXTURE_SITES = fileURLToPath(new URL('../../../fixtures/sites/', import.meta.url));

export function realPage(relative: string): string {
  const bytes = readFileSync(`${REAL_PAGES}${relative}`);
  return (relative.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}
