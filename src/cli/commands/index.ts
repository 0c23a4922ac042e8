// The list of CLI commands. Each file registers its own command(s); add a line here for a new one.
import type { RegisterCommand } from '../program.js';

export const COMMANDS: RegisterCommand[] = [];
