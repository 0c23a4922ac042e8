// `waspada score`: offline scoring of texts, no Redis and no database. Its JSON lines are the
// contract researchers and evaluations rely on: {"id","score","verdict","queues","reasons","features"}.
import { existsSync } from 'node:fs';
import type { ScoreLine } from '../../contracts/score.js';
import type { Features } from '../../contracts/features.js';
import type { RouteDecision, RouteInput } from '../../route/route-post.js';
import type { RawRecord } from '../../ingest/read-records.js';
import type { PostScorer } from '../../score/handle-score.js';
import { CliError, type RegisterCommand } from '../program.js';
import { loadConfig } from '../../config.js';

export interface OfflineScoring {
  scorer: PostScorer;
  extract(text: string): Features;
  route(input: RouteInput): RouteDecision;
}

export function scoreOne({ scorer, extract, route: routePost }: OfflineScoring, id: string | number | null, text: string): ScoreLine {
  const features = extract(text);
  const result = scorer.score(text, features);
  const route = routePost({ post: { reach: {} }, features, score: result });
  return {
    id,
    score: Math.round(result.probability * 1e6) / 1e6,
    verdict: result.verdict,
    queues: result.verdict === 'suspect' ? route.queues : [],
    reasons: result.reasons,
    features,
  };
}

async function* stdinRecords(): AsyncGenerator<RawRecord> {
  let buffer = '';
  let line = 0;
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    buffer += chunk as string;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      const text = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      line += 1;
      if (text) yield parseLine(text, `stdin:${line}`);
    }
  }
  if (buffer.trim()) yield parseLine(buffer.trim(), `stdin:${line + 1}`);
}

function parseLine(text: string, record: string): RawRecord {
  try {
    return { record, value: JSON.parse(text), notes: [] };
  } catch (error) {
    return { record, error: `malformed JSON: ${(error as Error).message}` };
  }
}

function textOf(value: unknown): { id: string | number | null; text: string } | string {
  if (typeof value !== 'object' || value === null) return 'line is not a JSON object';
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof text !== 'string' || text.trim() === '') return 'missing required field "text"';
  return { id: typeof id === 'string' || typeof id === 'number' ? id : null, text };
}

export const registerScore: RegisterCommand = (program) => {
  program
    .command('score')
    .description(
      'Score texts offline (no Redis, no database). Input: --text, or JSONL lines with "text" and optional "id" from --file or stdin.\nNilai teks secara luring (tanpa Redis dan basis data).',
    )
    .option('--text <text>', 'one text to score')
    .option('--file <file>', 'JSONL file: one {"id", "text"} per line')
    .option('--model <file>', 'model file (default: MODEL_PATH, the promoted model, or the shipped model)')
    .option('--json', 'print one JSON object per input line')
    .action(async (opts: { text?: string; file?: string; model?: string; json?: boolean }) => {
      if (opts.file && !existsSync(opts.file)) throw new CliError(`file not found: ${opts.file}`);
      if (!opts.text && !opts.file && process.stdin.isTTY) throw new CliError('give --text, --file or JSONL on stdin (see --help)');
      const config = loadConfig();
      const { loadDefaultModel, loadModel } = await import('../../../classifiers/load.js');
      const { asScorer } = await import('../../app/scorers.js');
      const { extractFeatures } = await import('../../extract/index.js');
      const { routePost } = await import('../../route/route-post.js');
      const { readJsonl } = await import('../../ingest/read-records.js');
      const model = opts.model ? await loadModel(opts.model) : await loadDefaultModel(config);
      const scoring: OfflineScoring = { scorer: asScorer(model), extract: extractFeatures, route: routePost };
      const emit = (line: ScoreLine) => {
        if (opts.json) process.stdout.write(`${JSON.stringify(line)}\n`);
        else {
          const top = line.reasons.slice(0, 3).map((r) => r.label.id).join(' | ');
          process.stdout.write(`${line.id ?? '-'}\t${line.verdict}\t${line.score.toFixed(3)}\t${line.queues.join(',') || '-'}\t${top}\n`);
        }
      };
      if (opts.text !== undefined) {
        if (opts.text.trim() === '') throw new CliError('--text is empty');
        emit(scoreOne(scoring, null, opts.text));
        return;
      }
      let rejected = 0;
      for await (const record of opts.file ? readJsonl(opts.file) : stdinRecords()) {
        const input = 'error' in record ? record.error : textOf(record.value);
        if (typeof input === 'string') {
          rejected += 1;
          process.stderr.write(`rejected ${record.record}: ${input}\n`);
          continue;
        }
        emit(scoreOne(scoring, input.id, input.text));
      }
      if (rejected > 0) process.exitCode = 1;
    });
};
