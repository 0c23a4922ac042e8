// A Store on a fresh database for the enclosing describe block: opened before its tests, dropped after.
import { afterAll, beforeAll } from 'vitest';
import { Store } from '../../src/store/store.js';
import type { TestDatabase } from './databases.js';

export function useStore(database: TestDatabase): { readonly store: Store } {
  let store: Store | undefined;
  let drop = async () => {};
  beforeAll(async () => {
    const opened = await database.open();
    store = new Store(opened.db);
    drop = opened.drop;
  });
  afterAll(async () => drop());
  return {
    get store() {
      if (!store) throw new Error('the test store opens in beforeAll');
      return store;
    },
  };
}
