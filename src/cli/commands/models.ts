// `waspada models list|add|promote|rollback|shadow`: the model registry under DATA_DIR/models. Running score
// workers pick up a promotion within a second (they stat the pointer file).
import type { Command } from 'commander';
import { extractPreparer } from '../../../classifiers/features/extract-preparer.js';
import { modelsDir } from '../../../classifiers/load.js';
import { ModelRegistry, RegistryError } from '../../../classifiers/registry.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

function registry(): ModelRegistry {
  const { config } = cliContext();
  return new ModelRegistry(modelsDir(config), extractPreparer);
}

async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RegistryError) throw new CliError(error.message);
    throw error;
  }
}

function print(json: boolean | undefined, value: unknown, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human}\n`);
}

export const registerModels: RegisterCommand = (program) => {
  const models: Command = program
    .command('models')
    .description('Manage trained models in DATA_DIR/models: list, add, promote, roll back, shadow.\nKelola model terlatih di DATA_DIR/models.');

  models
    .command('list')
    .description('List registered models with their out-of-fold F1, threshold and status.')
    .option('--json', 'print one JSON array')
    .action(async (opts: { json?: boolean }) => {
      const entries = await run(() => registry().list());
      const human =
        entries.length === 0
          ? 'no models registered (waspada train --register, or waspada models add FILE)'
          : entries
              .map((e) => `${e.promoted ? '*' : e.shadow ? 's' : ' '} ${e.version.padEnd(44)} ${e.algo.padEnd(10)} F1=${e.f1 === null ? '  -  ' : e.f1.toFixed(3)} thr=${e.threshold.toFixed(3)} n=${e.n} ${e.createdAt}`)
              .join('\n') + '\n(* promoted, s shadow)';
      print(opts.json, entries, human);
    });

  models
    .command('add')
    .description('Copy a model artifact into the registry (it is not promoted).')
    .argument('<file>', 'model artifact written by waspada train')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const version = await run(() => registry().add(file));
      print(opts.json, { added: version }, `added ${version}`);
    });

  models
    .command('promote')
    .description('Make VERSION the model that scores new posts; the previous one is kept for rollback.')
    .argument('<version>', 'a version from `waspada models list`')
    .option('--json', 'print the pointer as JSON')
    .action(async (version: string, opts: { json?: boolean }) => {
      const pointer = await run(() => registry().promote(version));
      print(opts.json, pointer, `promoted ${version}`);
    });

  models
    .command('rollback')
    .description('Promote the previously promoted model again.')
    .option('--json', 'print the pointer as JSON')
    .action(async (opts: { json?: boolean }) => {
      const pointer = await run(() => registry().rollback());
      print(opts.json, pointer, `rolled back to ${pointer.promoted ?? '(none)'}`);
    });

  models
    .command('shadow')
    .description('Score every post with VERSION too and record where it disagrees with the promoted model; --clear stops it.')
    .argument('[version]', 'a version from `waspada models list`')
    .option('--clear', 'stop shadow scoring')
    .option('--json', 'print the pointer as JSON')
    .action(async (version: string | undefined, opts: { clear?: boolean; json?: boolean }) => {
      if (!version && !opts.clear) throw new CliError('give a VERSION to shadow, or --clear');
      if (version && opts.clear) throw new CliError('give either a VERSION or --clear');
      const pointer = await run(() => registry().setShadow(opts.clear ? null : (version as string)));
      print(opts.json, pointer, opts.clear ? 'shadow cleared' : `shadowing ${version}`);
    });
};
