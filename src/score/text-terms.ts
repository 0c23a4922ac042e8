// The reason naming the words that raised the model score most. Its label is built from the word list
// alone, so rows store the list once and render the label on read (src/store/stored-reasons.ts).
import type { Bilingual } from '../contracts/common.js';

export const TEXT_TERMS = 'TEXT_TERMS';

const PREFIX: Bilingual = { id: 'Kata yang paling menaikkan skor model: ', en: 'Words that raised the model score most: ' };

/** `list` as the label shows it: `"gaji", "kamboja"`. */
export function textTermsLabel(list: string): Bilingual {
  return { id: PREFIX.id + list, en: PREFIX.en + list };
}

/** The list a label was built from by textTermsLabel, or undefined when it was not (then it is kept whole). */
export function textTermsList(label: Bilingual): string | undefined {
  if (!label.id.startsWith(PREFIX.id) || !label.en.startsWith(PREFIX.en)) return undefined;
  const list = label.en.slice(PREFIX.en.length);
  return label.id.slice(PREFIX.id.length) === list ? list : undefined;
}
