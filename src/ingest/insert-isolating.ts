// A batch insert that one bad post cannot sink. The contract cleans what it knows the database refuses (lone
// surrogates, NUL, out-of-range dates, over-long keys); should the database still refuse a batch for its data
// (SQLSTATE class 22, data exception, or 54, a limit exceeded), the posts are inserted one by one and only
// those it refuses again are returned, with its message. Other errors (connection, shutdown) go up as before,
// so the caller's job is retried.
import type { PostInput } from '../contracts/post.js';
import { isDataError } from '../store/db.js';
import type { InsertResult } from '../store/posts.js';

export interface IsolatedInsert {
  /** As the batch insert's result; a refused post counts neither as inserted nor as duplicate, and its id is 0. */
  result: InsertResult;
  refused: Array<{ index: number; error: string }>;
}

export async function insertIsolating(insert: (posts: PostInput[]) => Promise<InsertResult>, posts: PostInput[]): Promise<IsolatedInsert> {
  try {
    return { result: await insert(posts), refused: [] };
  } catch (error) {
    if (!isDataError(error) || posts.length === 0) throw error;
  }
  const result: InsertResult = { inserted: [], duplicates: 0, idsByInput: [] };
  const refused: IsolatedInsert['refused'] = [];
  for (const [index, post] of posts.entries()) {
    try {
      const one = await insert([post]);
      result.inserted.push(...one.inserted);
      result.duplicates += one.duplicates;
      result.idsByInput.push(one.idsByInput[0] ?? 0);
    } catch (error) {
      if (!isDataError(error)) throw error;
      refused.push({ index, error: `refused by the database: ${(error as Error).message}` });
      result.idsByInput.push(0);
    }
  }
  return { result, refused };
}
