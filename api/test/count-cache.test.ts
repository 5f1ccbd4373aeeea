import { describe, expect, it } from 'vitest';
import { CountCache } from '../src/lib/count-cache.ts';

describe('CountCache', () => {
  it('keeps a total for its TTL and counts again after a write', async () => {
    const cache = new CountCache(60_000);
    let calls = 0;
    const count = async () => ++calls;
    expect(await cache.get('a', count)).toBe(1);
    expect(await cache.get('a', count)).toBe(1);
    expect(await cache.get('b', count)).toBe(2);
    cache.invalidate();
    expect(await cache.get('a', count)).toBe(3);
    expect(cache.size).toBe(1);
  });

  it('counts every time with a TTL of 0', async () => {
    const cache = new CountCache(0);
    let calls = 0;
    await cache.get('a', async () => ++calls);
    await cache.get('a', async () => ++calls);
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('does not keep a total counted while a write finished', async () => {
    const cache = new CountCache(60_000);
    let release = () => {};
    const slow = cache.get('a', () => new Promise<number>((resolve) => (release = () => resolve(10))));
    cache.invalidate();
    release();
    expect(await slow).toBe(10);
    expect(await cache.get('a', async () => 11)).toBe(11);
  });

  it('forgets the least recently counted key beyond its size', async () => {
    const cache = new CountCache(60_000, 2);
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    await cache.get('c', async () => 3);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 4)).toBe(4);
    expect(await cache.get('c', async () => 5)).toBe(3);
  });
});
