/**
 * List totals kept for a few seconds (issue 6, part 3: counts that do not scan everything on each page).
 *
 * A list page needs its rows (an index walk that stops after the page) and the total for `Content-Range`
 * (every matching row: some 22,000 index entries for the Graduate Office queue at 100,000 requests). An
 * officer paging through a queue, or ten officers opening it, asked for the same total again and again.
 * Here a total is kept per exact count statement (its SQL and parameters, which hold the caller's own
 * visibility condition, so callers who see different rows never share a total) for `ttlMs`, and every
 * successful write through this process forgets them all at once: an officer's own change is always in the
 * next total. Writes by another process (several app processes behind one database) show in totals after
 * at most `ttlMs`; the rows themselves are never cached.
 */
export class CountCache {
  readonly #entries = new Map<string, { total: number; at: number }>();
  #generation = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 1_000,
  ) {}

  /** The total for `key`: kept if younger than the TTL and no write happened since, else `count()`. */
  async get(key: string, count: () => Promise<number>): Promise<number> {
    if (this.ttlMs <= 0) return count();
    const now = Date.now();
    const kept = this.#entries.get(key);
    if (kept && now - kept.at < this.ttlMs) return kept.total;
    const generation = this.#generation;
    const total = await count();
    // A write that finished while this count ran may or may not be in it: such a total is used once, not kept.
    if (generation === this.#generation) {
      this.#entries.delete(key);
      this.#entries.set(key, { total, at: now });
      if (this.#entries.size > this.maxEntries) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
    return total;
  }

  /** Forgets every total: called after each successful write. */
  invalidate(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
