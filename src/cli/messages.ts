// CLI messages in Bahasa Indonesia (default) and English (WASPADA_LANG=en or --lang en).
export type Lang = 'id' | 'en';

const MESSAGES = {
  ingestSummary: {
    id: (a: number, d: number, r: number) => `Selesai: ${a} diterima, ${d} duplikat, ${r} ditolak.`,
    en: (a: number, d: number, r: number) => `Done: ${a} accepted, ${d} duplicate, ${r} rejected.`,
  },
  rejectedLine: {
    id: (record: string, error: string) => `ditolak ${record}: ${error}`,
    en: (record: string, error: string) => `rejected ${record}: ${error}`,
  },
} as const;

export function msg<K extends keyof typeof MESSAGES>(lang: Lang, key: K): (typeof MESSAGES)[K][Lang] {
  return MESSAGES[key][lang];
}
