// `waspada models list|add|promote|rollback|shadow`: the model registry under DATA_DIR/models. Running score
// workers pick up a promotion within a second (they stat the pointer file).
import type { Command } from 'commander';
import type { ModelRegistry } from '../../../classifiers/registry.js';
import { CliError, cliContext, type RegisterCommand } from '../program.js';

/** Runs `work` on the registry; registry problems become one-line CLI errors. The classifier modules load here,
 * not at the top, so `waspada --help` stays quick. */
async function run<T>(work: (registry: ModelRegistry) => Promise<T>): Promise<T> {
  const [{ extractPreparer }, { modelsDir }, { ModelRegistry, RegistryError }] = await Promise.all([
    import('../../../classifiers/features/extract-preparer.js'),
    import('../../../classifiers/load.js'),
    import('../../../classifiers/registry.js'),
  ]);
  const { config } = cliContext();
  try {
    return await work(new ModelRegistry(modelsDir(config), extractPreparer));
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
      const entries = await run((registry) => registry.list());
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
      const version = await run((registry) => registry.add(file));
      print(opts.json, { added: version }, `added ${version}`);
    });

  models
    .command('promote')
    .description('Make VERSION the model that scores new posts; the previous one is kept for rollback.')
    .argument('<version>', 'a version from `waspada models list`')
    .option('--json', 'print the pointer as JSON')
    .action(async (version: string, opts: { json?: boolean }) => {
      const pointer = await run((registry) => registry.promote(version));
      print(opts.json, pointer, `promoted ${version}`);
    });

  models
    .command('rollback')
    .description('Promote the previously promoted model again.')
    .option('--json', 'print the pointer as JSON')
    .action(async (opts: { json?: boolean }) => {
      const pointer = await run((registry) => registry.rollback());
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
      const pointer = await run((registry) => registry.setShadow(opts.clear ? null : (version as string)));
      print(opts.json, pointer, opts.clear ? 'shadow cleared' : `shadowing ${version}`);
    });
};
