import Type from 'typebox';

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String(), code: Type.String() })),
    ),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

export const ProblemRef = Type.Ref('Problem');

/** Response schemas for the failures every authenticated route can answer with. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ProblemRef])) as Record<number, typeof ProblemRef>;

export const Uuid = Type.String({ format: 'uuid' });

/**
 * What the `uuid` format accepts: the canonical 8-4-4-4-12 form only. ajv-formats also takes `urn:uuid:…`,
 * which PostgreSQL does not read as a uuid (a 500 where a 400 is due); the app gives Ajv this one instead.
 */
export const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** react-admin's simple REST list parameters, each a JSON string. */
export const ListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ maxLength: 4000 })),
    range: Type.Optional(Type.String({ maxLength: 100 })),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Text typed by people: no control characters, trimmed length checked by the schema. */
export const HumanText = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });
