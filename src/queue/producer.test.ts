import { describe, expect, it } from 'vitest';
import { defaultJobId } from './producer.js';

describe('defaultJobId', () => {
  it('is the same for the same work, so a pending duplicate is not queued twice', () => {
    expect(defaultJobId('extract-posts', { postIds: [1, 2] }, 'a')).toBe(defaultJobId('extract-posts', { postIds: [1, 2] }, 'a'));
  });
  it('differs between installations sharing one Redis, so one database never swallows the other\'s jobs', () => {
    expect(defaultJobId('extract-posts', { postIds: [1, 2] }, 'a')).not.toBe(defaultJobId('extract-posts', { postIds: [1, 2] }, 'b'));
  });
  it('never contains the ":" BullMQ uses as its key separator', () => {
    expect(defaultJobId('score-posts', { postIds: [3] })).not.toContain(':');
  });
});
