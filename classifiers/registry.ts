// Versioned model artifacts under DATA_DIR/models with a promoted pointer, rollback history and an optional
// shadow. The score stage asks `current()` per batch; a changed pointer is noticed within a second.
import { mkdir, readFile, readdir, rename, stat, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Preparer } from './features/preparer.js';
import { ModelMetadata } from './models/artifact.js';
import { modelFromArtifact } from './models/from-artifact.js';
import type { LoadedModel } from './models/loaded-model.js';

export const POINTER_FILE = 'registry.json';

const Pointer = z.object({
  promoted: z.string().nullable().default(null),
  /** Previously promoted versions, most recent last; `rollback` pops from here. */
  history: z.array(z.string()).default([]),
  shadow: z.string().nullable().default(null),
});
type Pointer = z.infer<typeof Pointer>;

export class RegistryError extends Error {
  override name = 'RegistryError';
}

export interface RegistryEntry {
  version: string;
  algo: string;
  createdAt: string;
  f1: number | null;
  threshold: number;
  n: number;
  dataHash: string;
  promoted: boolean;
  shadow: boolean;
  file: string;
}

export interface RegistryOptions {
  /** Minimum time between two stats of the pointer file. Default 1000 ms. */
  checkIntervalMs?: number;
  /** Model used while nothing is promoted (the shipped model). */
  fallback?: () => Promise<LoadedModel>;
  /** Serve the fallback even when a model is promoted (MODEL_PATH set); shadow still comes from the registry. */
  pinned?: boolean;
  /** Clock, for tests. */
  now?: () => number;
}

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export class ModelRegistry {
  private readonly checkIntervalMs: number;
  private readonly now: () => number;
  private lastCheck = -Infinity;
  private pointerStamp = '';
  private pointer: Pointer = { promoted: null, history: [], shadow: null };
  private readonly cache = new Map<string, LoadedModel>();
  private fallbackModel: LoadedModel | null = null;

  constructor(
    readonly dir: string,
    private readonly preparer: Preparer,
    private readonly options: RegistryOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The promoted model (reloaded when the pointer changes), else the fallback. */
  async current(): Promise<LoadedModel> {
    await this.refresh();
    if (this.pointer.promoted && !this.options.pinned) return this.load(this.pointer.promoted);
    if (!this.options.fallback) throw new RegistryError(`no promoted model in ${this.dir}; run \`waspada models promote VERSION\``);
    this.fallbackModel ??= await this.options.fallback();
    return this.fallbackModel;
  }

  /** The shadow model whose disagreements are recorded, or null. */
  async shadow(): Promise<LoadedModel | null> {
    await this.refresh();
    return this.pointer.shadow ? this.load(this.pointer.shadow) : null;
  }

  async promotedVersion(): Promise<string | null> {
    await this.refresh(true);
    return this.pointer.promoted;
  }

  /** Copies an artifact file into the registry under its version; returns the version. */
  async add(file: string): Promise<string> {
    const meta = await readMetadata(file);
    await mkdir(this.dir, { recursive: true });
    const target = this.fileOf(meta.version);
    await copyFile(file, `${target}.tmp`);
    await rename(`${target}.tmp`, target);
    return meta.version;
  }

  async list(): Promise<RegistryEntry[]> {
    await this.refresh(true);
    let names: string[] = [];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && n !== POINTER_FILE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const entries: RegistryEntry[] = [];
    for (const name of names.sort()) {
      const file = path.join(this.dir, name);
      const meta = await readMetadata(file);
      entries.push({
        version: meta.version,
        algo: meta.algo,
        createdAt: meta.createdAt,
        f1: meta.training.oofMetrics?.f1 ?? null,
        threshold: meta.threshold,
        n: meta.training.n,
        dataHash: meta.training.dataHash,
        promoted: meta.version === this.pointer.promoted,
        shadow: meta.version === this.pointer.shadow,
        file,
      });
    }
    return entries.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.version < b.version ? -1 : 1));
  }

  async promote(version: string): Promise<Pointer> {
    await this.requireVersion(version);
    const pointer = await this.readPointer();
    if (pointer.promoted === version) return pointer;
    if (pointer.promoted) pointer.history.push(pointer.promoted);
    pointer.promoted = version;
    if (pointer.shadow === version) pointer.shadow = null;
    await this.writePointer(pointer);
    return pointer;
  }

  /** Re-promotes the previously promoted version. */
  async rollback(): Promise<Pointer> {
    const pointer = await this.readPointer();
    const previous = pointer.history.pop();
    if (!previous) throw new RegistryError('nothing to roll back to: no previously promoted model');
    pointer.promoted = previous;
    await this.writePointer(pointer);
    return pointer;
  }

  /** Sets (or with null clears) the shadow model. */
  async setShadow(version: string | null): Promise<Pointer> {
    if (version !== null) await this.requireVersion(version);
    const pointer = await this.readPointer();
    pointer.shadow = version;
    await this.writePointer(pointer);
    return pointer;
  }

  fileOf(version: string): string {
    if (!VERSION.test(version)) throw new RegistryError(`invalid model version '${version}'`);
    return path.join(this.dir, `${version}.json`);
  }

  private async requireVersion(version: string): Promise<void> {
    const file = this.fileOf(version);
    try {
      await stat(file);
    } catch {
      throw new RegistryError(`no model '${version}' in ${this.dir} (see \`waspada models list\`)`);
    }
  }

  private async load(version: string): Promise<LoadedModel> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const file = this.fileOf(version);
    const model = modelFromArtifact(JSON.parse(await readFile(file, 'utf8')) as unknown, this.preparer, file);
    // Keep only what the pointer names, so a long-running worker does not accumulate old models.
    for (const key of [...this.cache.keys()]) if (key !== this.pointer.promoted && key !== this.pointer.shadow) this.cache.delete(key);
    this.cache.set(version, model);
    return model;
  }

  private async refresh(force = false): Promise<void> {
    const now = this.now();
    if (!force && now - this.lastCheck < this.checkIntervalMs) return;
    this.lastCheck = now;
    let stamp = 'missing';
    try {
      const s = await stat(path.join(this.dir, POINTER_FILE));
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (stamp === this.pointerStamp) return;
    this.pointer = await this.readPointer();
    this.pointerStamp = stamp;
  }

  private async readPointer(): Promise<Pointer> {
    let raw: string;
    try {
      raw = await readFile(path.join(this.dir, POINTER_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { promoted: null, history: [], shadow: null };
      throw error;
    }
    const parsed = Pointer.safeParse(JSON.parse(raw) as unknown);
    if (!parsed.success) throw new RegistryError(`${path.join(this.dir, POINTER_FILE)} is not a registry pointer file`);
    return parsed.data;
  }

  /** Write-then-rename so a reader never sees half a pointer. */
  private async writePointer(pointer: Pointer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, POINTER_FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(pointer, null, 2)}\n`);
    await rename(tmp, file);
    this.lastCheck = -Infinity;
  }
}

/** Reads and validates an artifact's metadata without building the model. */
export async function readMetadata(file: string): Promise<ModelMetadata> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new RegistryError(`${file}: ${(error as Error).message}`);
  }
  const parsed = ModelMetadata.passthrough().safeParse(raw);
  if (!parsed.success) throw new RegistryError(`${file}: not a Waspada model artifact`);
  return parsed.data;
}
