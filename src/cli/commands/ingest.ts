// `waspada ingest FILE`: loads posts from JSONL or CSV; bad records are reported with their line
// numbers and the rest goes on.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import type { RawRecord } from '../../ingest/read-records.js';
import { msg } from '../messages.js';
import { startProgress } from '../progress.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) n += 1;
  return n;
}

async function* withSource(records: AsyncIterable<RawRecord>, source: string | undefined): AsyncGenerator<RawRecord> {
  for await (const r of records) {
    if (source && !('error' in r) && typeof r.value === 'object' && r.value !== null && !('source' in r.value)) {
      yield { ...r, value: { ...(r.value as object), source } };
    } else yield r;
  }
}

export const registerIngest: RegisterCommand = (program) => {
  program
    .command('ingest')
    .description('Load posts from a JSONL or CSV file into the pipeline.\nMuat unggahan dari berkas JSONL atau CSV ke dalam pipeline.')
    .argument('<file>', 'posts file: one JSON object per line, or CSV with a header row (needs a "text" column)')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['jsonl', 'csv']))
    .option('--source <name>', 'source name recorded on posts that have none')
    .option('--json', 'print the summary as one JSON object')
    .addOption(new Option('--lang <lang>', 'message language').choices(['id', 'en']))
    .action(async (file: string, opts: { format?: 'jsonl' | 'csv'; source?: string; json?: boolean; lang?: 'id' | 'en' }) => {
      if (!existsSync(file)) throw new CliError(`file not found: ${file}`);
      const format = opts.format ?? (path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
      const { config, log } = cliContext();
      const lang = opts.lang ?? config.lang;
      const { ingestDeps } = await import('../../app/stage-deps.js');
      const { ingestRecords } = await import('../../ingest/ingest-records.js');
      const { readRecords } = await import('../../ingest/read-records.js');
      const { withSession } = await import('../session.js');
      await withSession(config, log, 'ingest', async ({ store, producer }) => {
        const total = await countLines(file);
        const progress = startProgress('ingest', total);
        const records = withSource(readRecords(file, format, path.basename(file)), opts.source);
        const summary = await ingestRecords(records, ingestDeps({ config, store, producer }), `file:${path.basename(file)}`, (n) => progress.update(n));
        progress.stop();
        for (const e of summary.errors) process.stderr.write(`${msg(lang, 'rejectedLine')(e.record, e.error)}\n`);
        const result = { accepted: summary.accepted, duplicate: summary.duplicate, rejected: summary.rejected };
        if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else process.stdout.write(`${msg(lang, 'ingestSummary')(result.accepted, result.duplicate, result.rejected)}\n`);
      });
    });
};
