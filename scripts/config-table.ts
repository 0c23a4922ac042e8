// Prints the configuration table for the README from src/config.ts, the one place settings live.
// Usage: node --import tsx scripts/config-table.ts
import { SETTINGS } from '../src/config.js';

const rows = Object.values(SETTINGS).map((s) => {
  const parsed = s.schema.safeParse(undefined);
  const fallback = parsed.success && parsed.data !== undefined ? `\`${String(parsed.data)}\`` : '—';
  return `| \`${s.env}\` | ${fallback} | ${s.doc} |`;
});
process.stdout.write(['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n') + '\n');
