import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfBytes, uploadBody } from '../fixtures.ts';
import {
  announce,
  anyText,
  type Case,
  createWorld,
  expectRefused,
  fuzz,
  HOSTILE_SEGMENTS,
  hostileJson,
  report,
  type World,
} from './support.ts';
import { type Param, ROUTES, type RouteTarget, realParam, routeUrl, splitKey } from './targets.ts';

/**
 * Every route of Fastify's route table, through the input every route has: its path, its method and the
 * caller's session. Hostile path parameters (SQL and path fragments, NUL, bad percent-encoding, huge, negative
 * and fractional numbers, Persian and bidi text, ids in forms the database would misread), mangled paths,
 * methods the path does not take, anonymous, forged and ended sessions, and cross-site origins.
 */
let w: World;
beforeAll(async () => {
  announce('every-route');
  w = await createWorld();
});
afterAll(async () => {
  report('every-route');
  await w?.h.close();
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const SUFFIXES = [
  '/',
  '//',
  '/x',
  '/%00',
  '%00',
  ';',
  ';jsessionid=1',
  '.json',
  '.bak',
  '~',
  '%20',
  '%2F',
  '/..%2F..%2Fetc%2Fpasswd',
  '%E0%A4%A',
  '/%D9%85%D8%AD%D9%85%D8%AF',
  '/.git/config',
  '%09',
];

/** A body the route would accept as it is: the call is broken elsewhere. */
function validBody(w: World, key: string, target: RouteTarget): Pick<Case, 'payload' | 'headers'> {
  if (target.json)
    return { payload: JSON.stringify(target.json.valid(w)), headers: { 'content-type': 'application/json' } };
  if (target.surfaces.includes('multipart')) return uploadBody('transcript', pdfBytes());
  return key.startsWith('POST') || key.startsWith('PUT')
    ? { payload: '{}', headers: { 'content-type': 'application/json' } }
    : {};
}

/** Values of a path parameter that name nothing that exists, or are not values of it at all. */
function hostileParams(w: World, param: Param): fc.Arbitrary<string> {
  const real = realParam(w, param);
  const shared = fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 4 },
    { arbitrary: anyText.filter((t) => t !== '' && t !== '.' && t !== '..').map(encodeURIComponent), weight: 2 },
  );
  switch (param) {
    case 'event':
      return fc
        .oneof(
          shared,
          fc.constantFrom('9223372036854775807', '0', `${real}0000000000000000000`, `0x${real}`, `${real}.0`),
        )
        .filter((v) => !(/^[0-9]{1,19}$/.test(v) && BigInt(v) > 0n && BigInt(v) <= BigInt(real)));
    case 'action':
      return fc.oneof(
        shared,
        fc.constantFrom('teleport', 'SUBMIT', 'submit%20', 'approve,deliver', 'open', 'withdraw%00'),
      );
    case 'tick':
      return fc.oneof(shared, fc.constantFrom('diploma', 'CANCELLATION', 'cancellation%00', 'welfare,cancellation'));
    case 'file':
      return fc
        .oneof(
          shared,
          fc.constantFrom(
            'index.html%00',
            'nope.js',
            '.env',
            '..%2F..%2F..%2Fpackage.json',
            '%2e%2e%5c%2e%2e%5cpackage.json',
          ),
        )
        .filter((v) => v !== '..' && v !== '%2e%2e');
    default: {
      const others = [
        w.userId,
        w.graduate.id,
        w.graduate.requestId,
        w.graduate.documentId,
        w.graduate.pendingCorrectionId,
      ];
      return fc.oneof(
        shared,
        fc.uuid({ version: 4 }),
        fc.constantFrom(
          `urn:uuid:${real}`,
          `%7B${real}%7D`,
          real.replaceAll('-', ''),
          `${real}%20`,
          `%20${real}`,
          `${real}%00`,
          `${real};`,
          `${real.slice(0, -1)}g`,
          ...others.filter((id) => id !== real),
        ),
      );
    }
  }
}

const garbageCookies = fc.oneof(
  fc.constantFrom(
    'dd_session=',
    'dd_session=x',
    `dd_session=${'a'.repeat(10_000)}`,
    "dd_session=' OR 1=1--",
    'dd_session=%00',
    'dd_session=null',
    'dd_session=undefined; dd_session=null',
    'other=1',
    '=; ;;',
  ),
  anyText.map((t) => `dd_session=${encodeURIComponent(t)}`),
);

function cases(w: World, key: string, target: RouteTarget): fc.Arbitrary<Case> {
  const { method, url } = splitKey(key);
  const callers = fc.constantFrom<string | undefined>(
    ...target.who.map((who) => w.cookie[who]),
    ...(target.public ? [undefined] : []),
  );
  const body = validBody(w, key, target);
  const real = routeUrl(w, url, target);
  const families: fc.Arbitrary<Case>[] = [
    fc.tuple(callers, fc.constantFrom(...SUFFIXES)).map(([cookie, suffix]) => ({
      method,
      url: real + suffix,
      cookie,
      ...body,
      why: `path with ${JSON.stringify(suffix)} appended`,
    })),
    fc.tuple(callers, fc.constantFrom('upper', 'double-slash', 'no-api')).map(([cookie, how]) => ({
      method,
      url:
        how === 'upper'
          ? real.replace('/api/', '/API/')
          : how === 'double-slash'
            ? `/${real}`
            : real.replace('/api/', '/'),
      cookie,
      ...body,
      why: `path mangled (${how})`,
    })),
  ];
  // The router, not the route list, knows every path a route answers (a prefix's '/' answers with and without it).
  const others = METHODS.filter((m) => !w.h.app.findRoute({ method: m as 'GET', url: real }));
  if (others.length > 0) {
    families.push(
      fc.tuple(callers, fc.constantFrom(...others), hostileJson).map(([cookie, other, value]) => ({
        method: other,
        url: real,
        cookie,
        ...(other === 'GET' || other === 'HEAD'
          ? {}
          : { payload: JSON.stringify({ value }), headers: { 'content-type': 'application/json' } }),
        why: `a method the path does not take (${other})`,
      })),
    );
  }
  for (const [name, param] of Object.entries(target.params ?? {})) {
    families.push(
      fc.tuple(callers, hostileParams(w, param)).map(([cookie, value]) => ({
        method,
        url: routeUrl(w, url, target, { [name]: value }),
        cookie,
        ...body,
        why: `hostile :${name}`,
      })),
    );
  }
  if (!target.public) {
    families.push(
      fc.oneof(fc.constant(undefined), fc.constant(w.endedCookie), garbageCookies).map((cookie) => ({
        method,
        url: real,
        cookie,
        ...body,
        why:
          cookie === undefined ? 'no session' : cookie === w.endedCookie ? 'a logged-out session' : 'a forged session',
      })),
    );
  }
  if (MUTATING.has(method)) {
    const origins = [
      'https://evil.example',
      'null',
      'http://localhost:80.evil.example',
      'http://localhost',
      'HTTP://LOCALHOST:80',
    ];
    families.push(
      fc
        .tuple(callers, fc.constantFrom<string | null>(...origins, null), fc.boolean())
        .filter(([cookie, origin]) => origin !== null || cookie !== undefined)
        .map(([cookie, origin, crossSite]) => ({
          method,
          url: real,
          cookie,
          origin,
          ...body,
          headers: { ...body.headers, ...(crossSite ? { 'sec-fetch-site': 'cross-site' } : {}) },
          why: origin === null ? 'a session cookie without an Origin' : `a cross-site Origin ${origin}`,
        })),
    );
  }
  // A mangled path that lands on another real route without parameters would be a valid call, not a hostile one.
  return fc.oneof(...families).filter((c) => {
    const found = w.h.app.findRoute({ method: c.method as 'GET', url: c.url.split('?')[0]! });
    return !found || found.params === undefined || Object.keys(found.params).length > 0 || c.url === real;
  });
}

describe('every route refuses hostile paths, methods and sessions with a 4xx problem, writing nothing', () => {
  it('knows how to aim at every route of the route table, and at no route that is gone', () => {
    const routes = [...new Set(w.h.app.routeList.map((r) => `${r.method} ${r.url}`))].sort();
    expect(routes.length).toBeGreaterThan(40);
    expect(Object.keys(ROUTES).sort()).toEqual(routes);
    for (const [key, target] of Object.entries(ROUTES)) {
      const params = [...splitKey(key).url.matchAll(/:([a-zA-Z]+)|\*$/g)].map((m) => m[1] ?? '*');
      expect(Object.keys(target.params ?? {}).sort(), key).toEqual(params.sort());
      expect(target.surfaces, key).toContain('path');
      if (target.surfaces.includes('json')) expect(target.json, key).toBeDefined();
      if (target.surfaces.includes('list') || target.surfaces.includes('export'))
        expect(target.list, key).toBeDefined();
      if (!target.public) expect(target.who.length, key).toBeGreaterThan(0);
    }
  });

  for (const [key, target] of Object.entries(ROUTES)) {
    it(key, async () => {
      await fuzz(w, `path ${key}`, cases(w, key, target));
      // Beyond the sample: each listed hostile segment in each path parameter, once (HEAD shares GET's handling).
      const { method, url } = splitKey(key);
      if (method === 'HEAD') return;
      const body = validBody(w, key, target);
      for (const name of Object.keys(target.params ?? {})) {
        for (const value of HOSTILE_SEGMENTS) {
          if (name === '*' && value === '..') continue;
          await expectRefused(w, {
            method,
            url: routeUrl(w, url, target, { [name]: value }),
            cookie: w.cookie[target.who[0] ?? 'auditor'],
            ...body,
            why: `hostile :${name}`,
          });
        }
      }
    });
  }
});
