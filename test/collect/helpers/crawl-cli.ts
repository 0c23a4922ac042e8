// Runs only the `crawl` command the way the real CLI does, so tests exercise it as a subprocess even
// while other commands of the shared CLI are still being written.
import { Command, CommanderError } from 'commander';
import { registerCrawl } from '../../../src/cli/commands/crawl.js';
import { CliError } from '../../../src/cli/program.js';

const program = new Command('waspada').exitOverride();
registerCrawl(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else if (error instanceof CliError) {
    process.stderr.write(`waspada: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else throw error;
}
