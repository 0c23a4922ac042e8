// `waspada start`, `waspada worker <stage>` and `waspada web`: the long-running processes.
import { Argument, Option } from 'commander';
import { Stage } from '../../contracts/jobs.js';
import { cliContext, type RegisterCommand } from '../program.js';

export const registerRun: RegisterCommand = (program) => {
  program
    .command('start')
    .description('Run everything in one process: web console, API, metrics and every stage worker.\nJalankan semuanya dalam satu proses: konsol web, API, metrik, dan semua worker.')
    .option('--demo', 'load fixtures/demo once and crawl the local demo web (npm start sets this)')
    .addOption(new Option('-p, --port <port>', 'HTTP port (PORT)').argParser((v) => Number(v)))
    .action(async (opts: { demo?: boolean; port?: number }) => {
      const { config, log } = cliContext();
      if (opts.port !== undefined) config.port = opts.port;
      const { runProcess, stopOnSignals } = await import('../../app/run-process.js');
      const running = await runProcess(config, log, { command: 'start', web: true, stages: [...Stage.options], demo: Boolean(opts.demo) || config.demo });
      stopOnSignals(running, log);
    });

  program
    .command('worker')
    .description('Run stage workers only, to scale out on one Redis and one database.\nJalankan worker tahap saja, untuk menambah kapasitas.')
    .addArgument(new Argument('<stage>', 'which stage').choices([...Stage.options, 'all']))
    .action(async (stage: string) => {
      const { config, log } = cliContext();
      const stages = stage === 'all' ? [...Stage.options] : [Stage.parse(stage)];
      const { runProcess, stopOnSignals } = await import('../../app/run-process.js');
      const running = await runProcess(config, log, { command: `worker ${stage}`, web: false, stages, demo: false });
      stopOnSignals(running, log);
    });

  program
    .command('web')
    .description('Run the web console, API and metrics without workers.\nJalankan konsol web, API, dan metrik tanpa worker.')
    .addOption(new Option('-p, --port <port>', 'HTTP port (PORT)').argParser((v) => Number(v)))
    .action(async (opts: { port?: number }) => {
      const { config, log } = cliContext();
      if (opts.port !== undefined) config.port = opts.port;
      const { runProcess, stopOnSignals } = await import('../../app/run-process.js');
      const running = await runProcess(config, log, { command: 'web', web: true, stages: [], demo: false });
      stopOnSignals(running, log);
    });
};
