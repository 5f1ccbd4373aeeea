import { describe, expect, it } from 'vitest';
import { formatRials } from './rials.ts';

describe('formatRials', () => {
  it('groups digits, in Persian digits in Persian', () => {
    expect(formatRials('125000000', 'fa')).toBe('۱۲۵٬۰۰۰٬۰۰۰');
    expect(formatRials('125000000', 'en')).toBe('125,000,000');
  });

  it('keeps amounts beyond 2^53 exact', () => {
    expect(formatRials('900719925474099312', 'en')).toBe('900,719,925,474,099,312');
  });

  it('shows text that is not a number as it came', () => {
    expect(formatRials('n/a', 'en')).toBe('n/a');
  });
});
