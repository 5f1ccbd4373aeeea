import fc from 'fast-check';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE } from '../../src/lib/simple-rest.ts';
import {
  announce,
  type Case,
  controlText,
  createWorld,
  deepNesting,
  describeCase,
  expectRefused,
  footprint,
  fuzz,
  fuzzParameters,
  hasControl,
  hostileJson,
  hostileValidText,
  report,
  send,
  type World,
} from './support.ts';
import { type ListTarget, ROUTES, type RouteTarget, splitKey } from './targets.ts';

/**
 * Every list route (react-admin's simple REST: `?filter={json}&range=[start,end]&sort=["field","ASC|DESC"]`) and
 * the audit log's CSV export, with query strings broken on purpose: malformed JSON, the wrong shapes, unknown
 * filter fields, filter values of the wrong type or with control characters, huge, negative, fractional and
 * reversed ranges, injection in sort field names, unknown and repeated parameters. At least one parameter is
 * always broken; the others may be valid or hostile but well-formed.
 */
let w: World;
beforeAll(async () => {
  announce('list-queries');
  w = await createWorld();
});
afterAll(async () => {
  report('list-queries');
  await w?.h.close();
});

type Params = Array<[string, string]>;

const enc = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const filterFields = (schema: TSchema) =>
  Object.keys((schema as { properties?: Record<string, TSchema> }).properties ?? {});

/** A filter the schema takes (or leaves out), its text fields full of hostile text. */
function validFilter(list: ListTarget): fc.Arbitrary<string | undefined> {
  const fields = filterFields(list.filter);
  const text = ['q', 'faculty', 'subjectId', 'requestId'].filter((f) => fields.includes(f));
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(enc({})),
    ...(text.length > 0
      ? [fc.tuple(fc.constantFrom(...text), hostileValidText).map(([f, v]) => enc({ [f]: v.slice(0, 200) }))]
      : []),
    ...(fields.includes('id') && list.filter !== ROUTES['GET /api/audit-events']!.list!.filter
      ? [fc.constant(null).map(() => enc({ id: [w.graduate.id, w.graduate.requestId] }))]
      : []),
  );
}

/** A filter that is broken: not JSON, not an object, a field it does not have, a value it does not take. */
function brokenFilter(list: ListTarget): fc.Arbitrary<string> {
  const fields = filterFields(list.filter);
  const value = fc.oneof(
    { arbitrary: hostileJson, weight: 4 },
    { arbitrary: controlText, weight: 2 },
    { arbitrary: fc.constant(null).map(() => 'x'.repeat(201)), weight: 1 },
    { arbitrary: fc.constant(null).map(() => Array.from({ length: 501 }, () => w.graduate.id)), weight: 1 },
  );
  const object = fc.oneof(
    fc.tuple(fc.constantFrom(...fields), value).map(([f, v]) => ({ [f]: v })),
    fc
      .tuple(
        fc.constantFrom(
          'password',
          'passwordHash',
          'storageKey',
          '__proto__',
          'constructor',
          'id; DROP TABLE users',
          'نام',
          '',
        ),
        hostileJson,
      )
      .map(([f, v]) => ({ [f]: v })),
  );
  const brokenObject = object.filter((o) => {
    const strings = Object.values(o).flatMap((v) =>
      typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [],
    );
    return !Value.Check(list.filter, o) || strings.some(hasControl);
  });
  return fc.oneof(
    { arbitrary: brokenObject.map(enc), weight: 5 },
    {
      arbitrary: hostileJson.filter((v) => v !== null && (typeof v !== 'object' || Array.isArray(v))).map(enc),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(
        '{',
        '{"q":',
        '{"q":"x"',
        "{'q':'x'}",
        '{q:1}',
        '{"q":"x"}}',
        'NaN',
        '%E0%A4%A',
        '%',
        '%7B%22q%22%3A',
      ),
      weight: 2,
    },
    { arbitrary: deepNesting.map((d) => encodeURIComponent(d.slice(0, 3000))), weight: 1 },
    { arbitrary: fc.constant(encodeURIComponent(`{"q":"${'x'.repeat(4_001)}"}`)), weight: 1 },
  );
}

const validRange = fc
  .tuple(fc.nat(1_000), fc.nat(MAX_PAGE_SIZE - 1))
  .map(([start, size]) => enc([start, start + size]));

const brokenRange = fc.oneof(
  fc.constantFrom(
    '[0,24',
    '0-24',
    '[0,24]x',
    '[]',
    '[0]',
    '[0,1,2]',
    '{"start":0}',
    '"0,24"',
    '[null,1]',
    '["0","24"]',
    '[NaN,1]',
    '[0,Infinity]',
    '[0,1e400]',
    '%5B0%2C24',
    'null',
    'true',
    '%E0%A4%A',
    `[0,${'9'.repeat(120)}]`,
  ),
  fc.tuple(fc.integer({ min: -1e6, max: -1 }), fc.nat(100)).map(([s, n]) => enc([s, s + n])),
  fc.tuple(fc.nat(1_000), fc.integer({ min: MAX_PAGE_SIZE, max: 1e9 })).map(([s, n]) => enc([s, s + n])),
  fc.tuple(fc.nat(1_000), fc.integer({ min: 1, max: 1_000 })).map(([s, n]) => enc([s + n, s])),
  fc
    .tuple(fc.double({ min: 0.01, max: 1e3, noNaN: true }), fc.nat(10))
    .filter(([s]) => !Number.isInteger(s))
    .map(([s, n]) => enc([s, s + n])),
  fc.constantFrom(enc([2 ** 53, 2 ** 53 + 10]), enc([9007199254740991, 9007199254740992]), enc([0, -0.5])),
);

function validSort(list: ListTarget): fc.Arbitrary<string | undefined> {
  if (list.sortable.length === 0) return fc.constant(undefined);
  return fc.oneof(
    fc.constant(undefined),
    fc.tuple(fc.constantFrom(...list.sortable), fc.constantFrom('ASC', 'DESC')).map(enc),
  );
}

function brokenSort(list: ListTarget): fc.Arbitrary<string> {
  const injections = [
    'id; DROP TABLE users--',
    'lastName DESC, (SELECT 1)--',
    '"lastName"',
    'LASTNAME',
    ' lastName',
    'createdAt ',
    '__proto__',
    'constructor',
    'toString',
    'password_hash',
    'users.password_hash',
    '1',
    '',
    'نام',
    'lastName\u0000',
  ];
  const field = list.sortable[0] ?? 'id';
  return fc.oneof(
    fc.tuple(fc.constantFrom(...injections), fc.constantFrom('ASC', 'DESC')).map(enc),
    fc.constantFrom('asc', 'desc', 'ASC; --', 'DESC NULLS FIRST', '', 'RANDOM()').map((order) => enc([field, order])),
    fc
      .constantFrom<unknown>(field, [field], [field, 'ASC', 'x'], { field, order: 'ASC' }, [1, 'ASC'], [null, null], [])
      .map(enc),
    fc.constantFrom('["id","ASC"', '[id,ASC]', "['id','ASC']", '%E0%A4%A', 'x'.repeat(201)),
  );
}

/** Parameters the list routes do not have, and the ones they have, twice. */
const strayParams = fc.oneof(
  fc.constantFrom<Params>(
    [['password', 'x']],
    [['filter[q]', 'x']],
    [['q', 'x']],
    [
      ['_start', '0'],
      ['_end', '10'],
    ],
    [
      ['range', enc([0, 1])],
      ['range', enc([0, 2])],
    ],
    [
      ['sort', enc(['id', 'ASC'])],
      ['sort', enc(['id', 'DESC'])],
    ],
    [
      ['filter', '{}'],
      ['filter', '{}'],
    ],
    [['%00', '1']],
    [['__proto__', '1']],
  ),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 }))
    .filter(([k]) => !['filter', 'range', 'sort'].includes(k))
    .map(([k, v]): Params => [[encodeURIComponent(k), encodeURIComponent(v)]]),
);

function queryCases(key: string, target: RouteTarget): fc.Arbitrary<Case> {
  const { method, url } = splitKey(key);
  const list = target.list!;
  const isExport = target.surfaces.includes('export');
  const callers = fc.oneof(
    { arbitrary: fc.constantFrom(...target.who.map((who) => w.cookie[who])), weight: 8 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
  // Which of the three parameters (and stray ones) are broken: at least one.
  const plan = fc
    .record({ filter: fc.boolean(), range: fc.boolean(), sort: fc.boolean(), stray: fc.boolean() })
    .filter((p) => p.filter || p.range || p.sort || p.stray);
  return fc
    .tuple(
      callers,
      plan,
      brokenFilter(list),
      validFilter(list),
      brokenRange,
      fc.option(validRange),
      brokenSort(list),
      validSort(list),
      strayParams,
    )
    .map(([cookie, p, badFilter, goodFilter, badRange, goodRange, badSort, goodSort, stray]): Case => {
      const params: Params = [];
      const filter = p.filter ? badFilter : goodFilter;
      if (filter !== undefined) params.push(['filter', filter]);
      // The export takes `filter` only: a range or sort there is itself a stray parameter.
      if (!isExport || p.range) {
        const range = p.range ? badRange : goodRange;
        if (range !== null) params.push(['range', range]);
      }
      if (!isExport || p.sort) {
        const sort = p.sort ? badSort : goodSort;
        if (sort !== undefined) params.push(['sort', sort]);
      }
      if (p.stray) params.push(...stray);
      const broken = [p.filter && 'filter', p.range && 'range', p.sort && 'sort', p.stray && 'stray parameters'].filter(
        Boolean,
      );
      return {
        method,
        url: `${url}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`,
        cookie,
        why: cookie === undefined ? 'no session' : `broken ${broken.join(', ')}`,
      };
    });
}

const lists = Object.entries(ROUTES).filter(([, t]) => t.surfaces.includes('list') || t.surfaces.includes('export'));

describe('list routes refuse broken query strings with a 4xx problem, writing nothing', () => {
  it('aims at every route that takes list parameters', () => {
    const withQuery = Object.entries(ROUTES)
      .filter(([, t]) => t.list)
      .map(([k]) => k);
    expect(lists.map(([k]) => k)).toEqual(withQuery);
    expect(lists.length).toBeGreaterThanOrEqual(12);
  });

  for (const [key, target] of lists) {
    it(key, async () => {
      await fuzz(w, `query ${key}`, queryCases(key, target));
    });
  }
});

/**
 * The other side of the same parameters: hostile but well-formed filters (SQL, LIKE wildcards and escapes,
 * mixed-script text, empty lists, ids that name nothing) are answered with a JSON array and a Content-Range, or
 * refused with a 4xx problem; never a 5xx, and they write nothing.
 */
describe('list routes answer hostile but well-formed filters without a 5xx, writing nothing', () => {
  const wellFormed = (list: ListTarget) => {
    const fields = filterFields(list.filter);
    const text = fields.filter((f) => ['q', 'faculty', 'subjectId', 'requestId'].includes(f));
    const lists = fields.filter((f) => ['id', 'stage', 'kind', 'role', 'action'].includes(f));
    const likeText = fc.oneof(
      hostileValidText,
      fc.constantFrom('%', '_', '\\', '\\%', '%_%', "\\'", '[a-z]', '.*', '*', 'x\\'),
    );
    const isAudit = list.filter === ROUTES['GET /api/audit-events']!.list!.filter;
    const ids = isAudit
      ? fc.oneof(
          fc.constantFrom('0', '999999999999999999', '000000000000000001'),
          fc.array(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }).map(String), { maxLength: 5 }),
        )
      : fc.oneof(fc.uuid({ version: 4 }), fc.array(fc.uuid({ version: 4 }), { maxLength: 5 }));
    const uuids = fields.filter(
      (f) => ['graduateId', 'requestId', 'actorId'].includes(f) && !(isAudit && f === 'requestId'),
    );
    return fc.oneof(
      ...(text.length > 0
        ? [fc.tuple(fc.constantFrom(...text), likeText).map(([f, v]) => ({ [f]: v.slice(0, 200) }))]
        : []),
      ...(lists.length > 0 ? [fc.constantFrom(...lists).map((f) => ({ [f]: [] }))] : []),
      ...(fields.includes('id') ? [ids.map((id) => ({ id }))] : []),
      ...(uuids.length > 0
        ? [fc.tuple(fc.constantFrom(...uuids), fc.uuid({ version: 4 })).map(([f, id]) => ({ [f]: id }))]
        : []),
      fc.constant({}),
    );
  };
  for (const [key, target] of lists.filter(([k]) => k.startsWith('GET') && !k.includes('export'))) {
    it(key, async () => {
      const { url } = splitKey(key);
      const list = target.list!;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...target.who), wellFormed(list), validRange, async (who, filter, range) => {
          const c: Case = {
            method: 'GET',
            url: `${url}?filter=${enc(filter)}&range=${range}`,
            cookie: w.cookie[who],
            why: 'a well-formed filter',
          };
          const before = await footprint(w);
          const res = await send(w, c);
          const what = `${describeCase(c)} (${JSON.stringify(filter)}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode === 200) {
            expect(Array.isArray(res.json()), what).toBe(true);
            expect(res.headers['content-range'], what).toBeDefined();
          } else {
            expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
            expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
          }
          expect(await footprint(w), what).toEqual(before);
        }),
        fuzzParameters(`well-formed ${key}`),
      );
      await expectRefused(w, {
        method: 'GET',
        url: `${url}?filter=${enc({ nope: 1 })}`,
        cookie: w.cookie[target.who[0]!],
        why: 'an unknown filter field',
      });
    });
  }
});
