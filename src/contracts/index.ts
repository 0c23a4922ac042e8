// All contracts in one import.
export * from './common.js';
export * from './post.js';
export * from './features.js';
export * from './score.js';
export * from './case.js';
export * from './source.js';
export * from './jobs.js';
