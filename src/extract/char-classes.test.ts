import { describe, expect, it } from 'vitest';
import { isJsWhiteSpace } from './char-classes.js';

describe('isJsWhiteSpace', () => {
  it('answers what /\\s/ and trimEnd() answer for every UTF-16 unit', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const regex = /\s/.test(ch);
      const trimmed = `a${ch}`.trimEnd() === 'a';
      if (isJsWhiteSpace(c) !== regex || regex !== trimmed) differ.push(c);
    }
    expect(differ).toEqual([]);
  });
});
