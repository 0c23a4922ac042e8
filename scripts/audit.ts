// Dependency audit for CI: `npm audit --omit=dev --json`, failing on any advisory not accepted in
// .audit-allowlist.json (each entry names the advisory, the package and why it is accepted).
// Exit 0: clean or all accepted; 1: unaccepted advisories; 2: the registry gave no audit answer.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { advisoriesOf, Allowlist, AuditUnavailableError, unaccepted } from '../src/ops/audit-report.js';

function runNpmAudit(): Promise<string> {
  return new Promise((resolve, reject) => {
    // npm audit exits non-zero when it finds anything; the JSON on stdout is what counts.
    execFile('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (stdout.trim()) resolve(stdout);
      else reject(error ?? new Error('npm audit printed nothing'));
    });
  });
}

async function main(): Promise<number> {
  const allowlist = Allowlist.parse(JSON.parse(readFileSync(new URL('../.audit-allowlist.json', import.meta.url), 'utf8')));
  let advisories;
  try {
    advisories = advisoriesOf(JSON.parse(await runNpmAudit()));
  } catch (error) {
    if (error instanceof AuditUnavailableError) {
      process.stderr.write(`audit: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const open = unaccepted(advisories, allowlist);
  process.stdout.write(`audit: ${advisories.length} advisories in production dependencies, ${advisories.length - open.length} accepted, ${open.length} not accepted\n`);
  for (const a of open) process.stdout.write(`  ${a.severity}\t${a.package}\t${a.id}\t${a.title}\t${a.url}\n`);
  return open.length > 0 ? 1 : 0;
}

process.exitCode = await main();
