// The list of CLI commands. Each file registers its own command(s); add a line here for a new one.
import type { RegisterCommand } from '../program.js';
import { registerCrawl } from './crawl.js';
import { registerDataset } from './dataset.js';
import { registerEval } from './eval.js';
import { registerIngest } from './ingest.js';
import { registerModels } from './models.js';
import { registerRun } from './run.js';
import { registerScore } from './score.js';
import { registerSources } from './sources.js';
import { registerStats } from './stats.js';
import { registerTrain } from './train.js';

export const COMMANDS: RegisterCommand[] = [registerRun, registerIngest, registerScore, registerStats, registerSources, registerCrawl, registerTrain, registerEval, registerModels, registerDataset];
