// Pay parsing: the amount formats seen in Indonesian recruitment posts, converted with the dated rate table.
import { describe, expect, it } from 'vitest';
import rates from './data/rates.json' with { type: 'json' };
import { buildDoc } from './document.js';
import { extractPay, parseAmount } from './pay.js';

const R = rates.idrPer;

function first(text: string) {
  const { offers } = extractPay(buildDoc(text));
  expect(offers.length, `no offer found in ${JSON.stringify(text)}`).toBeGreaterThan(0);
  return offers[0]!;
}

describe('parseAmount', () => {
  it.each([
    ['8.000.000', 8_000_000],
    ['8,5', 8.5],
    ['1,000', 1000],
    ['1.5', 1.5],
    ['28.590', 28_590],
    ['8.000.000,50', 8_000_000.5],
  ])('%s -> %d', (s, n) => expect(parseAmount(s)).toBe(n));
});

describe('extractPay', () => {
  it.each([
    // text, currency, amount, amountMax, period, original span text
    ['Gaji 8jt per bulan', 'IDR', 8e6, undefined, 'month', '8jt per bulan'],
    ['gaji 8 juta', 'IDR', 8e6, undefined, 'unknown', '8 juta'],
    ['Gaji Rp 8.000.000/bulan', 'IDR', 8e6, undefined, 'month', 'Rp 8.000.000/bulan'],
    ['gaji 8,5jt', 'IDR', 8.5e6, undefined, 'unknown', '8,5jt'],
    ['Gaji 15-20jt/bln', 'IDR', 15e6, 20e6, 'month', '15-20jt/bln'],
    ['gaji 12jt++ bonus', 'IDR', 12e6, undefined, 'unknown', '12jt++'],
    ['Salary $1000 monthly', 'USD', 1000, undefined, 'month', '$1000 monthly'],
    ['gaji 1.000 dolar sebulan', 'USD', 1000, undefined, 'month', '1.000 dolar sebulan'],
    ['gaji 1000$', 'USD', 1000, undefined, 'unknown', '1000$'],
    ['gaji 1,5k USD', 'USD', 1500, undefined, 'unknown', '1,5k USD'],
    ['US$1,000-1,500 per month', 'USD', 1000, 1500, 'month', 'US$1,000-1,500 per month'],
    ['gaji 30rb baht', 'THB', 30_000, undefined, 'unknown', '30rb baht'],
    ['upah 400 baht per hari', 'THB', 400, undefined, 'day', '400 baht per hari'],
    ['gaji RM4,000 sebulan', 'MYR', 4000, undefined, 'month', 'RM4,000 sebulan'],
    ['PHP 30,000-50,000', 'PHP', 30_000, 50_000, 'unknown', 'PHP 30,000-50,000'],
    ['₱40,000 monthly', 'PHP', 40_000, undefined, 'month', '₱40,000 monthly'],
    ['3.500 dirham', 'AED', 3500, undefined, 'unknown', '3.500 dirham'],
    ['gaji S$2,500', 'SGD', 2500, undefined, 'unknown', 'S$2,500'],
    ['gaji NT$28.590 per bulan', 'TWD', 28_590, undefined, 'month', 'NT$28.590 per bulan'],
    ['HK$4,990', 'HKD', 4990, undefined, 'unknown', 'HK$4,990'],
    ['KRW 2.096.270 per bulan', 'KRW', 2_096_270, undefined, 'month', 'KRW 2.096.270 per bulan'],
    ['¥1,055 per jam', 'JPY', 1055, undefined, 'hour', '¥1,055 per jam'],
    ['gaji 2 juta won', 'KRW', 2e6, undefined, 'unknown', '2 juta won'],
    ['gaji belasan juta', 'IDR', 11e6, undefined, 'unknown', 'belasan juta'],
  ])('%s', (text, currency, amount, amountMax, period, spanText) => {
    const o = first(text);
    expect(o.currency).toBe(currency);
    expect(o.amount).toBeCloseTo(amount, 6);
    expect(o.amountMax).toBe(amountMax);
    expect(o.period).toBe(period);
    expect(text.slice(o.span.start, o.span.end)).toBe(spanText);
  });

  it('converts to IDR per month with the rate table, using the upper end of a range', () => {
    expect(first('$1000-1500 per month').idrMonthly).toBe(Math.round(1500 * R.USD));
    expect(first('400 baht per hari').idrMonthly).toBe(Math.round(400 * R.THB * rates.periodToMonth.day));
    expect(first('gaji 8jt').idrMonthly).toBe(8_000_000);
  });

  it('reads "gaji dolar" context: bare numbers near a salary word are dollars', () => {
    const o = first('Kerja di Kamboja gaji dolar, gaji 1200 per bulan');
    expect(o.currency).toBe('USD');
    expect(o.amount).toBe(1200);
  });

  it('separates fees asked of the applicant from offers', () => {
    const { offers, fees } = extractPay(buildDoc('Gaji 10jt. Biaya pendaftaran Rp 2.500.000 transfer dulu'));
    expect(offers.map((o) => o.amount)).toEqual([10e6]);
    expect(fees.map((o) => o.amount)).toEqual([2.5e6]);
  });

  it('reads only the 40 characters before an amount, even when a cue word is cut at their start', () => {
    // The 40 characters before "Rp" begin inside "dibayar": the window reads "bayar", a fee.
    const text = 'dibayar kantor pusat di jakarta ya ok ok Rp 2.500.000';
    expect(text.indexOf('Rp') - text.indexOf('dibayar')).toBe(41);
    const { offers, fees } = extractPay(buildDoc(text));
    expect([offers.length, fees.map((o) => o.amount)]).toEqual([0, [2.5e6]]);
    // Whole and inside the window, "dibayar" is pay.
    expect(extractPay(buildDoc(text.replace(' ok ok', ''))).offers.map((o) => o.amount)).toEqual([2.5e6]);
  });

  it.each([
    // "hr" is chat Indonesian for "hari", but after a foreign-currency amount it is the English "hour"
    ['Gaji $15/hr untuk admin', 'USD', 15, 'hour'],
    ['salary $15 per hr', 'USD', 15, 'hour'],
    ['SGD 12/HR part time', 'SGD', 12, 'hour'],
    ['gaji 15 USD per jam', 'USD', 15, 'hour'],
    ['gaji 15 USD/jam', 'USD', 15, 'hour'],
    ['Gaji harian Rp 150rb/hr', 'IDR', 150_000, 'day'],
    ['gaji $15 per hari', 'USD', 15, 'day'],
  ])('reads the period of %s', (text, currency, amount, period) => {
    const o = first(text);
    expect([o.currency, o.amount, o.period]).toEqual([currency, amount, period]);
  });

  it('an hourly dollar wage converts at hours per month, not days', () => {
    expect(first('Gaji $15/hr').idrMonthly).toBe(Math.round(15 * R.USD * rates.periodToMonth.hour));
  });

  it.each([
    ['phone numbers', 'hubungi 081234567890'],
    ['ages', 'usia 18-35 tahun'],
    ['years and counts', 'tahun 2025 butuh 30 orang'],
    ['percentages', 'bonus 15%'],
    ['heights', 'tinggi badan min 155 cm'],
  ])('ignores %s', (_name, text) => {
    expect(extractPay(buildDoc(text)).offers).toEqual([]);
  });
});
