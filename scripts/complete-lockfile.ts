// Completes package-lock.json with entries for optional platform packages (rollup, esbuild and
// msgpackr bindings for other systems) that a partial registry mirror could not resolve. Without
// them `npm ci` refuses the lockfile ("Missing: … from lock file"); npm skips the ones that do not
// fit the machine, so only the local platform's binding is installed.
// Usage, after any `npm install`: node --import tsx scripts/complete-lockfile.ts [package-lock.json]
import { readFileSync, writeFileSync } from 'node:fs';

interface LockPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockPackage> };
let added = 0;
for (const [path, meta] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    if (lock.packages[`node_modules/${name}`] || lock.packages[`${path}/node_modules/${name}`]) continue;
    lock.packages[`node_modules/${name}`] = { version: range.replace(/^[~^=]/, ''), ...(meta.dev ? { dev: true } : {}), optional: true };
    added += 1;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} optional platform entries\n`);
