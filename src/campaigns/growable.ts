// Growable typed arrays for the campaign index: one contiguous buffer per column keeps a million posts
// in a few hundred megabytes, where arrays of objects would need several gigabytes.

type TypedArray = Int32Array | Uint32Array | Float64Array | Uint16Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** Returns `array` when it already holds `length` elements, else a copy grown by at least half, new slots set to `fill`. */
export function ensureLength<T extends TypedArray>(array: T, length: number, fill = 0): T {
  if (array.length >= length) return array;
  const capacity = Math.max(length, Math.ceil(array.length * 1.5), 16);
  const grown = new (array.constructor as TypedArrayConstructor<T>)(capacity);
  grown.set(array);
  if (fill !== 0) grown.fill(fill, array.length);
  return grown;
}
