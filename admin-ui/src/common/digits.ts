const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

export const toPersianDigits = (text: string): string =>
  text.replace(/[0-9]/g, (digit) => PERSIAN_DIGITS[Number(digit)] ?? digit);

export const formatNumber = (value: number, locale: string): string =>
  value.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-GB');
