// Active learning: posts whose probability sits close to the threshold teach the model most when an analyst
// labels them, so the route stage sends them to review even when they are `clear`.

/** Default half-width of the uncertain band, in probability units. */
export const DEFAULT_BAND = 0.15;

/**
 * True when `probability` lies within `band` of `threshold` (inclusive). The band is clamped so that it never
 * covers the whole range: with a threshold of 0.9 and band 0.15 the uncertain range is [0.75, 1.0].
 */
export function isUncertain(probability: number, threshold: number, band: number = DEFAULT_BAND): boolean {
  if (!Number.isFinite(probability)) return true;
  const half = Math.min(Math.max(band, 0), 0.5);
  // The epsilon keeps 0.65 − 0.5 (0.15000000000000002 in floating point) inside a 0.15 band.
  return Math.abs(probability - threshold) <= half + 1e-12;
}
