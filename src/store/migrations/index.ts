// The ordered list of schema migrations. Add a file and a line; never edit an applied migration.
import { up as core } from './001-core.js';
import { up as review } from './002-review.js';
import { up as reviewQueue } from './003-review-queue.js';
import { up as pipelineThroughput } from './004-pipeline-throughput.js';
import { up as campaigns } from './005-campaigns.js';
import { up as authExpiry } from './006-auth-expiry.js';
import { up as lighterPostWrites } from './007-lighter-post-writes.js';
import { up as postRefusals } from './008-post-refusals.js';

export interface Migration {
  id: string;
  up: string;
}

export const MIGRATIONS: Migration[] = [{ id: '001-core', up: core }, { id: '002-review', up: review }, { id: '003-review-queue', up: reviewQueue }, { id: '004-pipeline-throughput', up: pipelineThroughput }, { id: '005-campaigns', up: campaigns }, { id: '006-auth-expiry', up: authExpiry }, { id: '007-lighter-post-writes', up: lighterPostWrites }, { id: '008-post-refusals', up: postRefusals }];
