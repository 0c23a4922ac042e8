// Int32 slabs that per-post typed arrays are cut from, the way Buffer pools small buffers: a typed array of a
// post's size is otherwise a separate, zero-filled off-heap allocation per post (and garbage-collector work
// later), which cost more than filling it. A slab stays alive while any array cut from it is referenced: at most
// SLAB_UNITS * 4 bytes (64 KiB) per kept post. Larger slabs cost more: the allocator maps each one fresh (page
// faults on every first write) instead of reusing freed memory.
const SLAB_UNITS = 1 << 14;

export class Int32Slab {
  private slab = new Int32Array(SLAB_UNITS);
  private used = 0;

  /** A view of `size` unused units (their contents are stale: the caller writes every one). */
  range(size: number): Int32Array {
    // Larger than half a slab: its own allocation, so one long post does not waste most of a slab.
    if (size > SLAB_UNITS >>> 1) return new Int32Array(size);
    if (this.used + size > SLAB_UNITS) {
      this.slab = new Int32Array(SLAB_UNITS);
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + size);
    this.used += size;
    return view;
  }
}
