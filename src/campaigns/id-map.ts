// Post id → dense index, in typed arrays: a JavaScript Map of a million entries lives on the V8 heap and
// makes every major garbage collection slower as the index grows.
import { mix32 } from './minhash.js';

const EMPTY = -1;

export class IdMap {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(capacity = 0) {
    const slots = tableSize(capacity);
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  get(id: number): number | undefined {
    const mask = this.keys.length - 1;
    for (let slot = hashId(id) & mask; ; slot = (slot + 1) & mask) {
      const value = this.values[slot]!;
      if (value === EMPTY) return undefined;
      if (this.keys[slot] === id) return value;
    }
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Sets `id` to `value` (a non-negative index). */
  set(id: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const mask = this.keys.length - 1;
    for (let slot = hashId(id) & mask; ; slot = (slot + 1) & mask) {
      if (this.values[slot] === EMPTY) {
        this.keys[slot] = id;
        this.values[slot] = value;
        this.count++;
        return;
      }
      if (this.keys[slot] === id) {
        this.values[slot] = value;
        return;
      }
    }
  }

  memoryBytes(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  private rehash(slots: number): void {
    const { keys, values } = this;
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots).fill(EMPTY);
    const mask = slots - 1;
    for (let i = 0; i < keys.length; i++) {
      if (values[i] === EMPTY) continue;
      let slot = hashId(keys[i]!) & mask;
      while (this.values[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.keys[slot] = keys[i]!;
      this.values[slot] = values[i]!;
    }
  }
}

function tableSize(capacity: number): number {
  let slots = 16;
  while (slots < capacity * 2) slots *= 2;
  return slots;
}

/** Ids are integers up to 2^53 (or any finite number); both 32-bit halves feed the hash. */
function hashId(id: number): number {
  const high = Math.floor(id / 4294967296);
  return mix32((id >>> 0) ^ mix32(high | 0));
}
