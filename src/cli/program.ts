// Shared pieces of every CLI command: the command type, the exit-code error, and lazy config/logger.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';

/** Thrown by commands for an expected failure: the message is printed as one line, no stack trace. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** What a command file exports: a function that adds its command(s) to the program. */
export type RegisterCommand = (program: Command) => void;

export interface CliContext {
  config: Config;
  log: Logger;
}

/** Loads config and a logger on first use, so `--help` never touches the environment. */
export function cliContext(): CliContext {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  return { config, log };
}
