// Reads untrusted JSONL and CSV files record by record. A bad line becomes an error naming it
// (file and line number); reading goes on.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export type RawRecord = { record: string; value: unknown; notes: string[] } | { record: string; error: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Decodes bytes as UTF-8; invalid sequences become U+FFFD and are noted rather than failing the record. */
export function decodeLenient(bytes: Uint8Array): { text: string; invalid: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), invalid: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), invalid: true };
  }
}

/** Splits a byte stream into lines without decoding, so each line's encoding can be judged alone. */
async function* byteLines(path: string): AsyncGenerator<Uint8Array> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    let buffer = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    for (let i = buffer.indexOf(10, start); i !== -1; i = buffer.indexOf(10, start)) {
      yield buffer.subarray(start, i);
      start = i + 1;
    }
    pending = Buffer.from(buffer.subarray(start));
    buffer = Buffer.alloc(0);
  }
  if (pending.length) yield pending;
}

export async function* readJsonl(path: string, name = path): AsyncGenerator<RawRecord> {
  let line = 0;
  for await (const bytes of byteLines(path)) {
    line += 1;
    const { text, invalid } = decodeLenient(bytes);
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed.length === 0) continue;
    const record = `${name}:${line}`;
    try {
      yield { record, value: JSON.parse(trimmed), notes: invalid ? ['invalid UTF-8 replaced with U+FFFD'] : [] };
    } catch (error) {
      yield { record, error: `malformed JSON: ${(error as Error).message}` };
    }
  }
}

export async function* readCsv(path: string, name = path): AsyncGenerator<RawRecord> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true, info: true }),
  );
  const skipped: RawRecord[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ record: `${name}:${error.lines ?? '?'}`, error: `malformed CSV: ${error.message}` });
  });
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const value: Record<string, unknown> = { ...item.record };
    // Nested fields arrive as JSON text in CSV cells.
    for (const key of ['author', 'media', 'reach', 'raw']) {
      const cell = value[key];
      if (typeof cell === 'string' && cell.trim().startsWith('{') || (typeof cell === 'string' && cell.trim().startsWith('['))) {
        try {
          value[key] = JSON.parse(cell as string);
        } catch {
          // Left as text: the schema names the field if text is not acceptable there.
        }
      } else if (cell === '') delete value[key];
    }
    const invalid = Object.values(item.record).some((v) => typeof v === 'string' && v.includes('\uFFFD'));
    yield { record: `${name}:${item.info.lines}`, value, notes: invalid ? ['invalid UTF-8 replaced with U+FFFD'] : [] };
  }
  while (skipped.length) yield skipped.shift()!;
}

export function readRecords(path: string, format: 'jsonl' | 'csv', name?: string): AsyncGenerator<RawRecord> {
  return format === 'csv' ? readCsv(path, name) : readJsonl(path, name);
}
