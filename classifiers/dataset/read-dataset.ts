// Reads labelled datasets (JSONL, CSV, EMSCAD CSV) into (id, text, label) rows. Invalid UTF-8 is replaced,
// not fatal; a row that cannot be used (missing column, empty text, unknown label) is an error naming the row.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

export type DatasetFormat = 'jsonl' | 'csv' | 'emscad';

export interface DatasetOptions {
  format: DatasetFormat;
  /** Columns joined (by newlines) into the text. Default `text`. Ignored for emscad. */
  textFields: readonly string[];
  /** Default `label`; `fraudulent` for emscad. */
  labelField: string;
  /** Label values counted as scam. */
  positive: readonly string[];
  /** Label values counted as legitimate; `*` means every value that is not positive. */
  negative: readonly string[];
  /** Column holding a row id; rows without one are numbered. */
  idField: string;
  /** Keep only rows whose `field` equals one of the values (e.g. split=train). */
  where?: ReadonlyArray<{ field: string; value: string }>;
}

export const DEFAULT_POSITIVE = ['scam', '1', 'true', 'fraud', 'fraudulent', 'penipuan', 'suspect', 'positive'];
export const DEFAULT_NEGATIVE = ['legit', '0', 'false', 'clear', 'normal', 'ham', 'negative'];

export function defaultDatasetOptions(format: DatasetFormat): DatasetOptions {
  return {
    format,
    textFields: ['text'],
    labelField: format === 'emscad' ? 'fraudulent' : 'label',
    positive: format === 'emscad' ? ['1'] : DEFAULT_POSITIVE,
    negative: format === 'emscad' ? ['0'] : DEFAULT_NEGATIVE,
    idField: 'id',
  };
}

export interface LabelledDoc {
  id: string;
  /** 1-based data row (JSONL: line number; CSV: record number after the header). */
  row: number;
  text: string;
  /** 1 = scam, 0 = legitimate. */
  label: 0 | 1;
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** EMSCAD's prose columns, then metadata columns that the model sees as tokens (`location: US, NY`). */
export const EMSCAD_TEXT = ['title', 'company_profile', 'description', 'requirements', 'benefits'] as const;
export const EMSCAD_META = [
  'location', 'department', 'salary_range', 'employment_type', 'required_experience', 'required_education', 'industry', 'function',
] as const;
export const EMSCAD_FLAGS = ['telecommuting', 'has_company_logo', 'has_questions'] as const;

/** Guesses the format from the file name: .csv → csv, anything else → jsonl. */
export function formatFromPath(path: string): DatasetFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'jsonl';
}

export async function readDataset(path: string, options: DatasetOptions): Promise<LabelledDoc[]> {
  const bytes = await readFile(path);
  // fatal: false replaces invalid byte sequences with U+FFFD instead of throwing.
  const content = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return parseDataset(content, options, path);
}

export function parseDataset(content: string, options: DatasetOptions, source = 'dataset'): LabelledDoc[] {
  const records = options.format === 'jsonl' ? parseJsonl(content, source) : parseCsv(content, source);
  const positive = new Set(options.positive.map((v) => v.trim().toLowerCase()));
  const negative = new Set(options.negative.map((v) => v.trim().toLowerCase()));
  const anyNegative = negative.has('*');
  const docs: LabelledDoc[] = [];
  for (const { row, record } of records) {
    if (options.where && !options.where.every((w) => stringOf(record[w.field]) === w.value)) continue;
    const where = `${source}: row ${row}`;
    const text = options.format === 'emscad' ? emscadText(record, where) : joinFields(record, options.textFields, where);
    if (text.trim() === '') throw new DatasetError(`${where}: empty text`);
    if (!(options.labelField in record)) throw new DatasetError(`${where}: missing column '${options.labelField}'`);
    const rawLabel = stringOf(record[options.labelField]).trim().toLowerCase();
    let label: 0 | 1;
    if (positive.has(rawLabel)) label = 1;
    else if (negative.has(rawLabel) || (anyNegative && rawLabel !== '')) label = 0;
    else {
      throw new DatasetError(
        `${where}: unknown label '${rawLabel}' in '${options.labelField}' (positive: ${[...positive].join(', ')}; negative: ${[...negative].join(', ')}; use --positive/--negative)`,
      );
    }
    const idValue = record[options.idField];
    const id = idValue === undefined || idValue === null || idValue === '' ? String(row) : stringOf(idValue);
    docs.push({ id, row, text, label });
  }
  return docs;
}

function stringOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function joinFields(record: Record<string, unknown>, fields: readonly string[], where: string): string {
  const parts: string[] = [];
  for (const field of fields) {
    if (!(field in record)) throw new DatasetError(`${where}: missing column '${field}'`);
    const value = stringOf(record[field]);
    if (value !== '') parts.push(value);
  }
  return parts.join('\n');
}

function emscadText(record: Record<string, unknown>, where: string): string {
  const parts: string[] = [];
  for (const field of [...EMSCAD_TEXT, ...EMSCAD_META, ...EMSCAD_FLAGS]) {
    if (!(field in record)) throw new DatasetError(`${where}: missing column '${field}' (expected the 17 EMSCAD columns)`);
  }
  for (const field of EMSCAD_TEXT) {
    const value = stringOf(record[field]).trim();
    // An empty company profile is itself a strong fraud cue in EMSCAD, so absence becomes a token.
    parts.push(value === '' ? `no${field.replaceAll('_', '')}` : value);
  }
  for (const field of EMSCAD_META) {
    const value = stringOf(record[field]).trim();
    parts.push(value === '' ? `no${field.replaceAll('_', '')}` : `${field.replaceAll('_', '')} ${value}`);
  }
  for (const field of EMSCAD_FLAGS) {
    parts.push(`${field.replaceAll('_', '')}${stringOf(record[field]).trim() === '1' ? 'yes' : 'no'}`);
  }
  return parts.join('\n');
}

function parseJsonl(content: string, source: string): Array<{ row: number; record: Record<string, unknown> }> {
  const out: Array<{ row: number; record: Record<string, unknown> }> = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new DatasetError(`${source}: row ${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetError(`${source}: row ${i + 1}: expected a JSON object`);
    }
    out.push({ row: i + 1, record: value as Record<string, unknown> });
  }
  return out;
}

function parseCsv(content: string, source: string): Array<{ row: number; record: Record<string, unknown> }> {
  try {
    const records = parse(content, { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as Array<Record<string, string>>;
    return records.map((record, i) => ({ row: i + 1, record }));
  } catch (error) {
    throw new DatasetError(`${source}: ${(error as Error).message}`);
  }
}
