// The uncertain band used by routing to send borderline posts to analysts.
import { describe, expect, it } from 'vitest';
import { isUncertain } from './active-learning.js';

describe('isUncertain', () => {
  it('is true within the band around the threshold, inclusive, and false outside', () => {
    expect(isUncertain(0.5, 0.5)).toBe(true);
    expect(isUncertain(0.36, 0.5, 0.15)).toBe(true);
    expect(isUncertain(0.65, 0.5, 0.15)).toBe(true);
    expect(isUncertain(0.34, 0.5, 0.15)).toBe(false);
    expect(isUncertain(0.9, 0.5, 0.15)).toBe(false);
    expect(isUncertain(0.2, 0.3, 0)).toBe(false);
  });
  it('treats a non-finite probability as uncertain', () => {
    expect(isUncertain(Number.NaN, 0.5)).toBe(true);
  });
});
