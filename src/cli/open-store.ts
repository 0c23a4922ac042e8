// Opens the store for a CLI command. The store modules (PGlite, pg, migrations) are imported on first use, so
// `waspada --help` and commands that never touch the database don't pay for loading them.
import type { Config } from '../config.js';
import type { OpenedStore } from '../store/open.js';

export async function openCommandStore(config: Config, command: string): Promise<OpenedStore> {
  const { openStore } = await import('../store/open.js');
  return openStore(config, { command });
}
