import { describe, expect, it } from 'vitest';
import { PostInput } from '../contracts/post.js';
import type { InsertResult } from '../store/posts.js';
import { Ingestor } from './ingest-records.js';
import { isDataError } from '../store/db.js';
import { insertIsolating } from './insert-isolating.js';

const post = (text: string) => PostInput.parse({ platform: 'telegram', text });
const dataError = (code: string) => Object.assign(new Error(`bad value (${code})`), { code });

/** A fake table that refuses any batch holding a post whose text says POISON, as a database would refuse one bad row. */
function fakeInsert() {
  const stored = new Map<string, number>();
  const calls: number[] = [];
  const insert = async (posts: PostInput[]): Promise<InsertResult> => {
    calls.push(posts.length);
    if (posts.some((p) => p.text.includes('POISON'))) throw dataError('22P05');
    const result: InsertResult = { inserted: [], duplicates: 0, idsByInput: [] };
    for (const p of posts) {
      let id = stored.get(p.text);
      if (id === undefined) {
        id = stored.size + 1;
        stored.set(p.text, id);
        result.inserted.push(id);
      } else result.duplicates += 1;
      result.idsByInput.push(id);
    }
    return result;
  };
  return { insert, calls };
}

describe('insertIsolating', () => {
  it('passes a good batch through in one insert', async () => {
    const { insert, calls } = fakeInsert();
    const { result, refused } = await insertIsolating(insert, [post('a'), post('b')]);
    expect(result).toEqual({ inserted: [1, 2], duplicates: 0, idsByInput: [1, 2] });
    expect(refused).toEqual([]);
    expect(calls).toEqual([2]);
  });

  it('when the database refuses a batch for its data, stores the others one by one and names the refused', async () => {
    const { insert } = fakeInsert();
    const { result, refused } = await insertIsolating(insert, [post('a'), post('POISON'), post('a'), post('c')]);
    expect(result).toEqual({ inserted: [1, 2], duplicates: 1, idsByInput: [1, 0, 1, 2] });
    expect(refused).toEqual([{ index: 1, error: 'refused by the database: bad value (22P05)' }]);
  });

  it('lets other errors go up (a lost connection must fail the job, to be retried)', async () => {
    const down = async () => {
      throw Object.assign(new Error('Connection terminated'), { code: 'ECONNRESET' });
    };
    await expect(insertIsolating(down, [post('a')])).rejects.toThrow('Connection terminated');
    expect(isDataError(dataError('54000'))).toBe(true);
    expect(isDataError(dataError('08006'))).toBe(false);
    expect(isDataError(new Error('no code'))).toBe(false);
  });

  it('the ingestor rejects the refused record by name and keeps every other', async () => {
    const { insert } = fakeInsert();
    const saved: Array<{ record: string; error: string }> = [];
    const queued: number[] = [];
    const ingestor = new Ingestor({ insert, saveRejects: async (r) => void saved.push(...r), next: async (ids) => void queued.push(...ids) }, 'test', 10);
    for (const [i, text] of ['a', 'POISON', 'b'].entries()) await ingestor.add({ record: `file.jsonl:${i + 1}`, value: { platform: 'telegram', text }, notes: [] });
    const summary = await ingestor.finish();
    expect(summary).toMatchObject({ accepted: 2, duplicate: 0, rejected: 1, errors: [{ record: 'file.jsonl:2', error: expect.stringContaining('refused by the database') }], postIds: [1, 2] });
    expect(saved.map((r) => r.record)).toEqual(['file.jsonl:2']);
    expect(queued).toEqual([1, 2]);
  });
});
