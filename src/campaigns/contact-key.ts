// One key per real-world contact, so the entity graph links "WA 0812..." in one post with
// "tel +62812..." in another: the same number reached through two apps is one recruiter.

const NON_DIGIT = /\D/g;

/**
 * Canonical key for a contact, or null when nothing usable is left. Phone and WhatsApp numbers share the
 * `tel:` namespace by their digits; national Indonesian numbers (0812...) are read as +62 because the
 * extractor's E.164 output may be missing for malformed numbers. Handles lose "@" and case.
 */
export function contactKey(kind: string, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  switch (kind) {
    case 'phone':
    case 'whatsapp': {
      let digits = trimmed.replace(NON_DIGIT, '');
      if (digits.startsWith('00')) digits = digits.slice(2);
      else if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
      return digits.length >= 6 ? `tel:${digits}` : null;
    }
    case 'bank_account': {
      const compact = trimmed.toLowerCase().replace(/[\s.-]/g, '');
      return compact === '' ? null : `bank:${compact}`;
    }
    case 'telegram':
    case 'handle':
    case 'line': {
      const handle = trimmed.replace(/^@+/, '').toLowerCase();
      return handle === '' ? null : `${kind}:${handle}`;
    }
    case 'email':
      return `email:${trimmed.toLowerCase()}`;
    case 'url':
      return `url:${trimmed.replace(/\/+$/, '')}`;
    default:
      return `${kind}:${trimmed.toLowerCase()}`;
  }
}
