// Character tests shared by the hand-written checks that stand in for a regex in hot paths.

/**
 * The characters JavaScript counts as white space: what /\s/ matches (without the u flag) and what trim() and
 * trimEnd() remove. ASCII white space, NBSP, the Unicode space separators, LS, PS and the BOM.
 */
export function isJsWhiteSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
