const toBigInt = (amount: string | number | bigint): bigint | undefined => {
  try {
    return BigInt(amount);
  } catch {
    return undefined;
  }
};

export const formatRials = (amount: string | number | bigint, locale: string): string => {
  const value = toBigInt(amount);
  if (value === undefined) return String(amount);
  return value.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-GB');
};
