// Finds the Chromium processes this test process started (through Playwright), so a test can kill the
// browser the way a crash or the OOM killer would: SIGKILL, no goodbye on the pipe.
import { readFileSync, readdirSync } from 'node:fs';

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // ended while we looked
    }
  }
  const out = new Set<number>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!out.has(pid) && (ppid === root || out.has(ppid))) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return [...out];
}

/** Pids of the Chromium browser processes (not renderers or helpers) under this process. */
export function chromiumBrowserPids(): number[] {
  return descendants(process.pid).filter((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return /chrom/i.test(cmd.split('\0')[0] ?? '') && cmd.includes('--remote-debugging-pipe') && !cmd.includes('--type=');
    } catch {
      return false;
    }
  });
}

/** SIGKILLs every Chromium browser under this process; returns the pids killed. */
export function killChromium(): number[] {
  const pids = chromiumBrowserPids();
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return pids;
}
