const WRITABLE: Record<string, readonly string[]> = {
  users: ['displayName', 'role', 'active', 'password', 'graduateId'],
  holidays: ['date', 'nameFa', 'nameEn', 'kind'],
  'working-week': ['thursday'],
};

type Data = Record<string, unknown>;

export const updateBody = (resource: string, data: Data, previousData: Data = {}): Data => {
  const writable = WRITABLE[resource];
  if (!writable) return data;
  const changed = writable.filter((field) => field in data && data[field] !== previousData[field]);
  return { version: data.version, ...Object.fromEntries(changed.map((field) => [field, data[field]])) };
};
