import fc from 'fast-check';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announce,
  type Case,
  controlText,
  createWorld,
  deepNesting,
  expectRefused,
  fuzz,
  hasControl,
  hostileJson,
  hostileValidText,
  longText,
  report,
  type Who,
  type World,
} from './support.ts';
import { type JsonTarget, ROUTES, type RouteTarget, routeUrl, splitKey } from './targets.ts';

/**
 * Every route that reads a JSON body, with bodies that are broken on purpose: malformed JSON (truncated,
 * trailing garbage, a byte-order mark, raw control characters, JavaScript literals, bytes that are not UTF-8),
 * the wrong content type, every body field of every JSON type it does not take, missing and unknown fields,
 * duplicate keys, deep nesting, 1 MB strings and control characters in text; and well-formed bodies full of SQL,
 * path fragments and mixed-script text that the route must still refuse for a reason of its own (a stale
 * version, a record that is not there, a unique or foreign key the database refuses, a role that may not).
 */
let w: World;
beforeAll(async () => {
  announce('json-bodies');
  w = await createWorld();
});
afterAll(async () => {
  report('json-bodies');
  await w?.h.close();
});

type Body = Record<string, unknown>;
const JSON_CT = { 'content-type': 'application/json' };

const clone = (body: Body): Body => structuredClone(body);

function setPath(body: Body, dotted: string, value: unknown): Body {
  const out = clone(body);
  const keys = dotted.split('.');
  let at: Record<string, unknown> = out;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
  return out;
}

function deletePath(body: Body, dotted: string): Body {
  const out = clone(body);
  const keys = dotted.split('.');
  let at: Record<string, unknown> | undefined = out;
  for (const key of keys.slice(0, -1)) at = at?.[key] as Record<string, unknown> | undefined;
  if (at) delete at[keys.at(-1)!];
  return out;
}

/** Every property of the body schema, and of the objects inside it, as dotted paths. */
function fieldsOf(schema: TSchema, prefix = ''): string[] {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  return Object.entries(properties).flatMap(([name, sub]) => [
    `${prefix}${name}`,
    ...((sub as { properties?: unknown }).properties ? fieldsOf(sub, `${prefix}${name}.`) : []),
  ]);
}

const requiredOf = (schema: TSchema) => ((schema as { required?: string[] }).required ?? []) as string[];

/** Strings with a control character anywhere but in the fields that may hold any character (passwords). */
function controlOutsideOpaque(value: unknown, opaque: string[], at = ''): boolean {
  if (typeof value === 'string') return !opaque.includes(at) && hasControl(value);
  if (Array.isArray(value)) return value.some((v) => controlOutsideOpaque(v, opaque, at));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => controlOutsideOpaque(v, opaque, at ? `${at}.${k}` : k));
  }
  return false;
}

/**
 * Whether a parsed body is broken by construction: the route's schema refuses it, or it carries a control
 * character in text (refused by contract: every text field but a password).
 */
function broken(json: JsonTarget, text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return true;
  }
  return !Value.Check(json.schema, parsed) || controlOutsideOpaque(parsed, json.opaque ?? []);
}

const notJson = (text: string) => {
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return false;
  } catch {
    return true;
  }
};

/** The caller: one who may reach the route, now and then nobody at all. */
function callerOf(w: World, target: RouteTarget): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...target.who.map((who) => w.cookie[who])), weight: 6 },
    { arbitrary: fc.constant(undefined), weight: target.public ? 0 : 1 },
  );
}

/** Text that is not JSON, sent as JSON; or a body in a type nothing parses. */
function malformed(w: World, key: string, target: RouteTarget): fc.Arbitrary<Case> {
  const { method, url } = splitKey(key);
  const base = JSON.stringify(target.json?.valid(w) ?? { any: 'thing' });
  const raw = fc.oneof(
    fc.nat({ max: base.length - 1 }).map((n) => base.slice(0, n)),
    fc
      .constantFrom('}', ',', 'x', '{}', '][', '"', '//c', '\n{"a":1}', '\u0000', 'null', ' true')
      .map((garbage) => base + garbage),
    fc.nat({ max: base.length - 1 }).map((n) => `\ufeff${base.slice(0, n)}`),
    fc.constantFrom(
      '{"version": NaN}',
      '{"version": Infinity}',
      '{"version": -Infinity}',
      '{"version": 0x10}',
      '{"version": 01}',
      '{"version": .5}',
      '{"version": +1}',
      '{"version": undefined}',
      "{'decision': 'accepted'}",
      '{decision: "accepted"}',
      '{"a": 1,}',
      '[1,]',
      '/* comment */ {}',
      '{"note": "line\nbreak"}',
      '{"note": "tab\there"}',
      '{"note": "\\x41"}',
      '{"note": "\\u12"}',
      '\ufeff\ufeff{}',
      '{"a":1}{"b":2}',
      '',
      ' ',
    ),
    deepNesting.map((nested) => nested.slice(0, -1)),
  );
  const asJson = fc.tuple(callerOf(w, target), raw).map(
    ([cookie, text]): Case => ({
      method,
      url: routeUrl(w, url, target),
      cookie,
      headers: JSON_CT,
      payload: text,
      why: 'malformed JSON',
    }),
  );
  const notUtf8 = fc.tuple(callerOf(w, target), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(
    ([cookie, bytes]): Case => ({
      method,
      url: routeUrl(w, url, target),
      cookie,
      headers: JSON_CT,
      payload: Buffer.concat([Buffer.from('{"'), Buffer.from(bytes), Buffer.from([0xff, 0xfe, 0xc0])]),
      why: 'bytes that are not UTF-8 JSON',
    }),
  );
  // text/plain and multipart have parsers of their own: refused only where a schema wants an object.
  const types = [
    'application/x-www-form-urlencoded',
    'application/xml',
    'application/octet-stream',
    'image/png',
    'application/json-patch+json',
    'application/jsonx',
    'json',
    ...(target.json ? ['text/plain', 'multipart/form-data; boundary=x', 'text/plain; charset=utf-8'] : []),
  ];
  const wrongType = fc.tuple(callerOf(w, target), fc.constantFrom<string | undefined>(...types, undefined)).map(
    ([cookie, type]): Case => ({
      method,
      url: routeUrl(w, url, target),
      cookie,
      headers: type === undefined ? {} : { 'content-type': type },
      payload: type === undefined ? Buffer.from(base) : base,
      why: `a body in ${type ?? 'no content type'}`,
    }),
  );
  return fc.oneof(
    { arbitrary: asJson.filter((c) => notJson(String(c.payload))), weight: 4 },
    { arbitrary: notUtf8.filter((c) => notJson((c.payload as Buffer).toString('utf8'))), weight: 1 },
    { arbitrary: wrongType, weight: 2 },
  );
}

const UNKNOWN_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'isAdmin',
  'version ',
  '$where',
  'نام',
  '\u0000',
  '',
];

/** A parseable body that the schema (or the contract on text) refuses. */
function schemaBroken(w: World, key: string, target: RouteTarget): fc.Arbitrary<Case> {
  const json = target.json!;
  const { method, url } = splitKey(key);
  const fields = fieldsOf(json.schema);
  const value = fc.oneof(
    { arbitrary: hostileJson, weight: 6 },
    { arbitrary: controlText, weight: 2 },
    { arbitrary: longText(), weight: 1 },
  );
  type Mutation = (body: Body) => Body;
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.tuple(fc.constantFrom(...fields), value).map(
      ([field, v]) =>
        (b: Body) =>
          setPath(b, field, v),
    ),
    ...(requiredOf(json.schema).length > 0
      ? [fc.constantFrom(...requiredOf(json.schema)).map((field) => (b: Body) => deletePath(b, field))]
      : []),
    fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), hostileJson).map(([k, v]) => (b: Body) => ({ ...b, [k]: v })),
  );
  const body = fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => JSON.stringify(mutations.reduce((b, m) => m(b), json.valid(w))));
  // Raw-text forms JSON.stringify cannot make: a duplicate key whose last value wins, and deep nesting.
  const rawBody = fc.oneof(
    { arbitrary: body, weight: 6 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...fields.filter((f) => !f.includes('.'))), hostileJson)
        .map(([field, v]) =>
          JSON.stringify(json.valid(w)).replace(/}$/, `,${JSON.stringify(field)}:${JSON.stringify(v) ?? 'null'}}`),
        ),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...fields.filter((f) => !f.includes('.'))), deepNesting)
        .map(([field, nested]) => JSON.stringify(json.valid(w)).replace(/}$/, `,${JSON.stringify(field)}:${nested}}`)),
      weight: 1,
    },
    {
      arbitrary: hostileJson
        .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
        .map((v) => JSON.stringify(v) ?? 'null'),
      weight: 1,
    },
  );
  return fc
    .tuple(callerOf(w, target), rawBody, fc.boolean())
    .filter(([, text]) => broken(json, text))
    .map(
      ([cookie, text, bom]): Case => ({
        method,
        url: routeUrl(w, url, target),
        cookie,
        headers: JSON_CT,
        payload: bom ? `\ufeff${text}` : text,
        why: 'a body the schema refuses',
      }),
    );
}

/** A well-formed body, its text fields full of hostile text, refused for a reason the route owns. */
function semantic(w: World, key: string, target: RouteTarget): fc.Arbitrary<Case> {
  const json = target.json!;
  const { method, url } = splitKey(key);
  const texts = fc.tuple(...json.text.map(() => fc.option(hostileValidText, { freq: 2 })));
  return fc
    .tuple(texts, fc.constantFrom(...json.refusals), fc.constantFrom(...target.who))
    .map(([values, refusal, who]): Case => {
      let body = json.valid(w);
      json.text.forEach((field, i) => {
        if (values[i] !== null && values[i] !== undefined) body = setPath(body, field, values[i]);
      });
      const change = refusal.apply(w, body);
      const caller: Who = change.who ?? who;
      return {
        method,
        url: routeUrl(w, url, target, change.params ?? {}),
        cookie: w.cookie[caller],
        headers: JSON_CT,
        payload: JSON.stringify(change.body ?? body),
        ...(change.remoteAddress ? { remoteAddress: change.remoteAddress } : {}),
        why: `${refusal.why} (as ${caller})`,
      };
    });
}

const bodyRoutes = Object.entries(ROUTES).filter(
  ([, t]) => t.surfaces.includes('json') || t.surfaces.includes('bodyless'),
);

describe('routes that read a JSON body refuse hostile bodies with a 4xx problem, writing nothing', () => {
  it('aims at every route with a body', () => {
    const withBodies = w.h.app.routeList.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    for (const r of withBodies) {
      const target = ROUTES[`${r.method} ${r.url}`]!;
      expect(
        ['json', 'bodyless', 'multipart'].some((s) => target.surfaces.includes(s as never)),
        `${r.method} ${r.url}`,
      ).toBe(true);
    }
  });

  for (const [key, target] of bodyRoutes) {
    it(`${key}: malformed JSON and content types`, async () => {
      await fuzz(w, `malformed ${key}`, malformed(w, key, target));
    });
    if (!target.json) continue;
    const json = target.json;

    it(`${key}: bodies the schema refuses, and well-formed bodies refused for the route's own reasons`, async () => {
      await fuzz(
        w,
        `body ${key}`,
        fc.oneof(
          { arbitrary: schemaBroken(w, key, target), weight: 3 },
          { arbitrary: semantic(w, key, target), weight: 2 },
        ),
      );
    });

    it(`${key}: every field, of every JSON type it does not take, and every required field left out`, async () => {
      const { method, url } = splitKey(key);
      const samples: unknown[] = [
        'x',
        'NaN',
        '',
        'a\u0000b',
        '\u001b[2J',
        'x'.repeat(1_048_600),
        0,
        -1,
        1.5,
        1e308,
        true,
        null,
        [],
        {},
        [1],
        { a: 1 },
      ];
      const who = target.who[0]!;
      const bodies: Array<[string, Body]> = [];
      for (const field of fieldsOf(json.schema)) {
        for (const sample of samples)
          bodies.push([`${field} = ${JSON.stringify(sample)}`, setPath(json.valid(w), field, sample)]);
      }
      for (const field of requiredOf(json.schema)) bodies.push([`${field} left out`, deletePath(json.valid(w), field)]);
      let sent = 0;
      for (const [why, body] of bodies) {
        const text = JSON.stringify(body);
        if (!broken(json, text)) continue;
        sent += 1;
        await expectRefused(w, {
          method,
          url: routeUrl(w, url, target),
          cookie: w.cookie[who],
          headers: JSON_CT,
          payload: text,
          why,
        });
      }
      expect(sent).toBeGreaterThan(fieldsOf(json.schema).length);
    });
  }
});
