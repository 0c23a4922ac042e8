// Checks the Instagram parser against the real post JSON in ../shared (licence not stated, so it is read
// in place and never copied): every row's `raw` node must parse to a valid post with its shortcode and time.
// Usage: npx tsx test/collect/scripts/check-instagram-csv.ts [path/to/instagram_posts.csv]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { instagramNodeToItem } from '../../../src/collect/adapters/instagram.js';
import { PostInput } from '../../../src/contracts/post.js';

const defaultPath = fileURLToPath(new URL('../../../../shared/datasets/real-pages/instagram/instagram_posts.csv', import.meta.url));
const file = process.argv[2] ?? defaultPath;
if (!existsSync(file)) {
  process.stderr.write(`check-instagram-csv: ${file} is absent (the shared datasets are not mounted); nothing checked.\n`);
  process.exit(0);
}

const rows = parse(readFileSync(file, 'utf8'), { columns: true, relax_quotes: true }) as Array<Record<string, string>>;
let valid = 0;
let noCaption = 0;
let timesChecked = 0;
let captionsChecked = 0;
const failures: string[] = [];
for (const [i, row] of rows.entries()) {
  let node: Record<string, unknown>;
  try {
    node = JSON.parse(row.raw ?? '') as Record<string, unknown>;
  } catch {
    failures.push(`row ${i + 2}: raw is not JSON`);
    continue;
  }
  const item = instagramNodeToItem(node, 'https://www.instagram.com/');
  if (!item) {
    failures.push(`row ${i + 2}: no shortcode`);
    continue;
  }
  // The CSV's own columns are an independent reading of the same post: they must agree with the parser.
  // taken_at is written "2025-07-06 10:37:03.000" in UTC.
  const takenAt = new Date(`${(row.taken_at ?? '').replace(' ', 'T')}Z`);
  if (Number.isNaN(takenAt.getTime())) failures.push(`row ${i + 2}: unreadable taken_at ${row.taken_at}`);
  else if (item.post.postedAt !== takenAt.toISOString()) failures.push(`row ${i + 2}: time ${String(item.post.postedAt)} ≠ taken_at ${row.taken_at}`);
  else timesChecked++;
  if (row.text !== undefined && row.text.trim() !== '') {
    if (item.post.text !== row.text) failures.push(`row ${i + 2}: caption differs from the text column`);
    else captionsChecked++;
  }
  const parsed = PostInput.safeParse(item.post);
  if (parsed.success) valid++;
  else if (item.post.text === '') noCaption++;
  else failures.push(`row ${i + 2}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
}
process.stdout.write(`${JSON.stringify({ rows: rows.length, valid_posts: valid, without_caption: noCaption, times_match: timesChecked, captions_match: captionsChecked, failures: failures.length })}\n`);
for (const f of failures.slice(0, 20)) process.stderr.write(`${f}\n`);
process.exitCode = failures.length > 0 ? 1 : 0;
