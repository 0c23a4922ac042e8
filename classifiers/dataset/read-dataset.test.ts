// Dataset import: formats, defaults, lenient UTF-8, and errors that name the row.
import { describe, expect, it } from 'vitest';
import { DatasetError, defaultDatasetOptions, parseDataset } from './read-dataset.js';

const jsonl = defaultDatasetOptions('jsonl');
const csv = defaultDatasetOptions('csv');

describe('parseDataset', () => {
  it('reads JSONL with the default fields and label values', () => {
    const docs = parseDataset('{"id":"a","text":"kerja di luar","label":"scam"}\n\n{"text":"kasir toko","label":"legit"}\n', jsonl);
    expect(docs).toEqual([
      { id: 'a', row: 1, text: 'kerja di luar', label: 1 },
      { id: '3', row: 3, text: 'kasir toko', label: 0 },
    ]);
  });

  it('reads CSV with custom text/label fields and values, and joins several text fields', () => {
    const docs = parseDataset('Judul,Teks,label\nA,"satu, dua",1\nB,tiga,2\n', { ...csv, textFields: ['Judul', 'Teks'], positive: ['1'], negative: ['0', '2'] });
    expect(docs.map((d) => [d.text, d.label])).toEqual([
      ['A\nsatu, dua', 1],
      ['B\ntiga', 0],
    ]);
  });

  it("treats '*' as every other label value being negative", () => {
    const docs = parseDataset('text,label\nx,1\ny,promo\n', { ...csv, positive: ['1'], negative: ['*'] });
    expect(docs.map((d) => d.label)).toEqual([1, 0]);
  });

  it('builds EMSCAD text from prose and metadata columns, absence becoming tokens', () => {
    const header = 'title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent';
    const docs = parseDataset(`${header}\nData Entry,"US, TX",,,,Work from home,,,1,0,0,Part-time,,,,,1\n`, defaultDatasetOptions('emscad'));
    expect(docs).toHaveLength(1);
    expect(docs[0]?.label).toBe(1);
    expect(docs[0]?.text).toContain('Data Entry');
    expect(docs[0]?.text).toContain('nocompanyprofile');
    expect(docs[0]?.text).toContain('hascompanylogono');
    expect(docs[0]?.text).toContain('telecommutingyes');
  });

  it('keeps only rows matching --where', () => {
    const docs = parseDataset('{"text":"a","label":"scam","split":"train"}\n{"text":"b","label":"legit","split":"eval"}\n', { ...jsonl, where: [{ field: 'split', value: 'train' }] });
    expect(docs.map((d) => d.text)).toEqual(['a']);
  });

  it('names the row of a missing column, an empty text, an unknown label and bad JSON', () => {
    expect(() => parseDataset('{"text":"ok","label":"scam"}\n{"body":"x","label":"scam"}\n', jsonl, 'f.jsonl')).toThrow(/f\.jsonl: row 2: missing column 'text'/);
    expect(() => parseDataset('text,label\nok,scam\n  ,legit\n', csv, 'f.csv')).toThrow(/f\.csv: row 2: empty text/);
    expect(() => parseDataset('text,label\nok,scam\nhmm,maybe\n', csv, 'f.csv')).toThrow(/row 2: unknown label 'maybe'/);
    expect(() => parseDataset('{"text":"ok","label":"scam"}\n{oops\n', jsonl, 'f.jsonl')).toThrow(/row 2: not valid JSON/);
    expect(() => parseDataset('text\nonly text\n', csv, 'f.csv')).toThrow(DatasetError);
  });
});
