import { describe, expect, it } from 'vitest';
import { RELOAD_GRACE_MS, shouldReloadForChunk } from './staleChunks.ts';

describe('shouldReloadForChunk', () => {
  const now = 1_700_000_000_000;

  it('reloads a tab that has not reloaded for a chunk before', () => {
    expect(shouldReloadForChunk(null, now)).toBe(true);
  });

  it('does not reload again right after such a reload: the error shows instead of a loop', () => {
    expect(shouldReloadForChunk(String(now - 1), now)).toBe(false);
    expect(shouldReloadForChunk(String(now - RELOAD_GRACE_MS + 1), now)).toBe(false);
  });

  it('reloads again once the grace period is over (a later release)', () => {
    expect(shouldReloadForChunk(String(now - RELOAD_GRACE_MS), now)).toBe(true);
    expect(shouldReloadForChunk(String(now - 3_600_000), now)).toBe(true);
  });

  it('reloads when the stored time is garbage or in the future (a clock set back)', () => {
    expect(shouldReloadForChunk('yesterday', now)).toBe(true);
    expect(shouldReloadForChunk(String(now + 60_000), now)).toBe(true);
  });
});
