// The list of CLI commands. Each file registers its own command(s); add a line here for a new one.
import type { RegisterCommand } from '../program.js';
import { registerCrawl } from './crawl.js';
import { registerDataset } from './dataset.js';
import { registerEval } from './eval.js';
import { registerIngest } from './ingest.js';
import { registerJobs } from './jobs.js';
import { registerModels } from './models.js';
import { registerRun } from './run.js';
import { registerScore } from './score.js';
import { registerSources } from './sources.js';
import { registerStats } from './stats.js';
import { registerTrain } from './train.js';
import { registerAudit } from './audit.js';
import { registerExport } from './export.js';
import { registerRetention } from './retention.js';
import { registerTokens } from './tokens.js';
import { registerUsers } from './users.js';

export const COMMANDS: RegisterCommand[] = [registerRun, registerIngest, registerScore, registerStats, registerSources, registerCrawl, registerTrain, registerEval, registerModels, registerDataset, registerJobs, registerUsers, registerTokens, registerExport, registerAudit, registerRetention];
