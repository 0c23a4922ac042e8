// CSV writing for referral exports, with spreadsheet formula injection neutralised: a cell that
// starts with = + - @ tab or CR is prefixed with a quote so Excel and LibreOffice show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `"${neutralizeCell(text).replace(/"/g, '""')}"`;
}

export function toCsv(columns: string[], rows: Array<Record<string, unknown>>): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  // CRLF per RFC 4180; a BOM so spreadsheet programs read UTF-8 Indonesian text correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
