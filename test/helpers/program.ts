// The CLI program without running it, for tests that inspect commands and their help.
import { Command } from 'commander';
import { COMMANDS } from '../../src/cli/commands/index.js';

export async function buildProgramForDocs(): Promise<Command> {
  const program = new Command('waspada').exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}
