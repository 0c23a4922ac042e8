// Evidence on the filesystem under DATA_DIR/evidence: content-addressed (the key is the SHA-256 of the
// bytes), written once and never overwritten, so evidence outlives the post's takedown unchanged.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvidenceMeta, EvidenceStore } from './ports.js';

const KEY = /^[0-9a-f]{64}$/;

export class InvalidEvidenceKeyError extends Error {
  override name = 'InvalidEvidenceKeyError';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createFsEvidenceStore(rootDir: string): EvidenceStore {
  const root = path.resolve(rootDir);
  // Two levels of fan-out keep directories small over millions of captures.
  const fileFor = (key: string): string => {
    if (!KEY.test(key)) throw new InvalidEvidenceKeyError(`not an evidence key: ${key.slice(0, 80)}`);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  return {
    async put(bytes: Uint8Array, meta: EvidenceMeta): Promise<{ key: string; sha256: string }> {
      const sha256 = sha256Hex(bytes);
      const file = fileFor(sha256);
      await mkdir(path.dirname(file), { recursive: true });
      // Write-then-rename so a crash never leaves a half file under a valid hash; `wx` keeps the first copy.
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file);
      await writeFile(`${file}.json`, JSON.stringify({ ...meta, sha256, bytes: bytes.byteLength }), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      return { key: sha256, sha256 };
    },
    async get(key: string): Promise<Uint8Array | null> {
      try {
        return new Uint8Array(await readFile(fileFor(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
