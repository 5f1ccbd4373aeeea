const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

export const toPersianDigits = (text: string): string =>
  text.replace(/[0-9]/g, (digit) => PERSIAN_DIGITS[Number(digit)] ?? digit);

export const formatNumber = (value: number, locale: string): string =>
  value.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-GB');

const PERSIAN_OR_ARABIC_DIGIT = /[۰-۹٠-٩]/g;

export const toAsciiDigits = (text: string): string =>
  text.replace(PERSIAN_OR_ARABIC_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });

export const localDigits = (text: string, locale: string): string => (locale === 'fa' ? toPersianDigits(text) : text);
