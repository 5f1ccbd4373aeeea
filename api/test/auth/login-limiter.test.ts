import { expect, it } from 'vitest';
import { LoginLimiter } from '../../src/auth/login-limiter.ts';

it('blocks after the per-account limit within the window and frees the account when the window passes', () => {
  let now = 1_000_000;
  const limiter = new LoginLimiter({ maxFailuresPerAccount: 3, maxFailuresPerIp: 100, windowMs: 60_000 }, () => now);
  for (let i = 0; i < 3; i++) {
    expect(limiter.retryAfter('1.1.1.1', 'Sara')).toBe(0);
    limiter.recordFailure('1.1.1.1', 'Sara');
    now += 1_000;
  }
  expect(limiter.retryAfter('2.2.2.2', 'sara')).toBe(57);
  now += 57_000;
  expect(limiter.retryAfter('2.2.2.2', 'sara')).toBe(0);
});

it('a successful login clears the account counter but not the address counter', () => {
  const limiter = new LoginLimiter({ maxFailuresPerAccount: 2, maxFailuresPerIp: 2, windowMs: 60_000 });
  limiter.recordFailure('1.1.1.1', 'a');
  limiter.recordSuccess('a');
  limiter.recordFailure('1.1.1.1', 'b');
  expect(limiter.retryAfter('9.9.9.9', 'a')).toBe(0);
  expect(limiter.retryAfter('1.1.1.1', 'c')).toBeGreaterThan(0);
});
