// `waspada crawl URL`: a one-off crawl of one public source, printing one post per line. No queue, no
// database; rate limits are held in this process only.
import { Option } from 'commander';
import { AdapterName } from '../../contracts/source.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

interface CrawlOptions {
  adapter?: AdapterName;
  limit: string;
  pages: string;
  json?: boolean;
  evidence: 'none' | 'suspect' | 'all';
  cursor?: string;
  options?: string;
  ignoreRobots?: string;
  intervalMs: string;
}

function positiveInt(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} must be a positive whole number, got "${raw}"`);
  return n;
}

export const registerCrawl: RegisterCommand = (program) => {
  program
    .command('crawl')
    .description(
      'Crawl one public source once and print its posts (no queue, no database).\nRayap satu sumber publik sekali dan cetak unggahannya (tanpa antrean, tanpa basis data).',
    )
    .argument('<url>', 'source URL, e.g. https://t.me/s/channel, https://m.facebook.com/groups/ID, a job board page or a feed')
    .addOption(new Option('--adapter <name>', 'adapter to use; required when the host does not say (any host works with it, e.g. a mirror)').choices(AdapterName.options))
    .option('--limit <n>', 'stop after this many posts', '50')
    .option('--pages <n>', 'stop after this many list pages', '5')
    .option('--json', 'print one JSON post per line on stdout (logs stay on stderr)')
    .addOption(new Option('--evidence <mode>', 'capture evidence (HTML + screenshot) under DATA_DIR/evidence for these posts').choices(['none', 'suspect', 'all']).default('none'))
    .option('--cursor <cursor>', 'only posts newer than this cursor (printed on stderr by an earlier crawl)')
    .option('--options <json>', 'adapter options as JSON, e.g. CSS selectors for --adapter site, {"storageState": "fb.json"} for facebook')
    .option('--ignore-robots <reason>', 'ignore robots.txt; the reason is logged and must say why (at least 10 characters)')
    .option('--interval-ms <ms>', 'minimum gap between requests to one host', '1000')
    .addHelpText(
      'after',
      '\nExamples:\n  waspada crawl https://t.me/s/somechannel --json --limit 20\n  waspada crawl http://127.0.0.1:8080/s/somechannel --adapter telegram --json\n  waspada crawl https://example.org/loker --adapter site --options \'{"item":"li.job","text":".title,.desc","link":"a"}\'',
    )
    .action(async (url: string, opts: CrawlOptions) => {
      let parsedUrl: URL;
      try {
        parsedUrl = new URL(url);
      } catch {
        throw new CliError(`not a URL: ${url}`);
      }
      if (!/^https?:$/.test(parsedUrl.protocol)) throw new CliError(`only http and https URLs can be crawled: ${url}`);
      // Loaded here, not at the top: the collectors pull in Playwright, which `waspada --help` should not pay for.
      const [{ inferAdapter }, { collectOnce }, { createCollectRuntime }] = await Promise.all([
        import('../../collect/adapters/index.js'),
        import('../../collect/collect-once.js'),
        import('../../collect/runtime.js'),
      ]);
      const adapter = opts.adapter ?? inferAdapter(url);
      if (!adapter) throw new CliError(`cannot tell the platform from ${parsedUrl.host}; pass --adapter (${AdapterName.options.join(', ')})`);
      let adapterOptions: Record<string, unknown> = {};
      if (opts.options) {
        try {
          const parsed: unknown = JSON.parse(opts.options);
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          adapterOptions = parsed as Record<string, unknown>;
        } catch (error) {
          throw new CliError(`--options must be a JSON object: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (opts.ignoreRobots !== undefined && opts.ignoreRobots.trim().length < 10) throw new CliError('--ignore-robots needs a reason of at least 10 characters');
      const limit = positiveInt(opts.limit, '--limit');
      const pages = positiveInt(opts.pages, '--pages');
      const intervalMs = Number(opts.intervalMs);
      if (!Number.isFinite(intervalMs) || intervalMs < 0) throw new CliError(`--interval-ms must be a number of milliseconds, got "${opts.intervalMs}"`);

      const { config, log } = cliContext();
      const runtime = createCollectRuntime(config, log, { evidenceMode: opts.evidence, rateLimit: { intervalMs }, limits: { maxItems: limit, maxPages: pages } });
      try {
        const outcome = await collectOnce(
          { name: `crawl-${parsedUrl.host.replace(/[^\w.-]/g, '_')}`, adapter, url, options: adapterOptions, ignoreRobots: opts.ignoreRobots ? { reason: opts.ignoreRobots } : undefined },
          opts.cursor ?? null,
          runtime,
          log,
        );
        outcome.posts.forEach((post, index) => {
          const evidence = outcome.evidence.get(index);
          const line = evidence ? { ...post, evidence } : post;
          if (opts.json) process.stdout.write(`${JSON.stringify(line)}\n`);
          else process.stdout.write(`${post.externalId ?? '-'}\t${post.postedAt ?? '-'}\t${post.text.replace(/\s+/g, ' ').slice(0, 100)}\n`);
        });
        for (const r of outcome.rejected) process.stderr.write(`skipped item ${r.key}: ${r.reason}\n`);
        process.stderr.write(`${outcome.posts.length} posts from ${outcome.pages} pages; health ${outcome.health}; cursor ${outcome.cursor ?? 'none'}\n`);
        if (outcome.health !== 'ok' && outcome.health !== 'empty') {
          throw new CliError(`source unhealthy (${outcome.health}): ${outcome.problems.map((p) => p.message).join('; ')}`);
        }
      } catch (error) {
        if (error instanceof CliError) throw error;
        if (error instanceof Error && 'retryable' in error) throw new CliError(`crawl failed: ${error.message}`);
        throw error;
      } finally {
        await runtime.close();
      }
    });
};
