/**
 * Counts failed logins per account and per client address in a sliding window. In memory: one API
 * process per deployment today; a shared store is needed before running several.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfter(ip: string, username: string): number {
    return Math.max(
      this.wait(`ip:${ip}`, this.limits.maxFailuresPerIp),
      this.wait(`account:${username.toLowerCase()}`, this.limits.maxFailuresPerAccount),
    );
  }

  recordFailure(ip: string, username: string): void {
    for (const key of [`ip:${ip}`, `account:${username.toLowerCase()}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
    if (this.failures.size > 100_000) this.prune();
  }

  recordSuccess(username: string): void {
    this.failures.delete(`account:${username.toLowerCase()}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private wait(key: string, max: number): number {
    const list = this.recent(key);
    if (list.length < max) return 0;
    const oldest = list[list.length - max] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.limits.windowMs - this.now()) / 1000));
  }

  private prune(): void {
    for (const key of this.failures.keys()) {
      const list = this.recent(key);
      if (list.length === 0) this.failures.delete(key);
      else this.failures.set(key, list);
    }
  }
}
