// The `waspada` command line: builds the program from the command list and maps errors to exit codes.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { COMMANDS } from './commands/index.js';
import { CliError } from './program.js';

export function buildProgram(): Command {
  const program = new Command('waspada')
    .description('Waspada: finds job posts that lure Indonesians into trafficking and routes them to Komdigi and Polri reviewers.\nWaspada: menemukan lowongan kerja yang menjerat WNI ke TPPO dan meneruskannya ke peninjau Komdigi dan Polri.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`waspada: ${error.message}\n`);
      process.exitCode = error instanceof CliError ? error.exitCode : 2;
      return;
    }
    throw error;
  }
}

await main(process.argv);
