import { describe, expect, it } from 'vitest';
import { CSP_NONCE_PLACEHOLDER, cspNonce } from './cspNonce.ts';
import { createEmotionCaches } from './emotionCaches.ts';

/** A document with only the meta tag Vite writes; `hidden` imitates a browser hiding the attribute under a CSP. */
function page(nonce: string | null, { hidden = false } = {}) {
  const meta =
    nonce === null ? null : { nonce, getAttribute: (name: string) => (name === 'nonce' && !hidden ? nonce : '') };
  return {
    querySelector: (selector: string) => (selector === 'meta[property="csp-nonce"]' ? meta : null),
  } as unknown as Pick<Document, 'querySelector'>;
}

describe('cspNonce', () => {
  it('reads the nonce the server put in the page, also when the browser hides the attribute', () => {
    expect(cspNonce(page('q0Hk7Vn0m3xq1A2B3C4D5w=='))).toBe('q0Hk7Vn0m3xq1A2B3C4D5w==');
    expect(cspNonce(page('q0Hk7Vn0m3xq1A2B3C4D5w==', { hidden: true }))).toBe('q0Hk7Vn0m3xq1A2B3C4D5w==');
  });

  it('has none without the tag, without a document, or with the placeholder the dev server leaves', () => {
    expect(cspNonce(page(null))).toBeUndefined();
    expect(cspNonce(page(''))).toBeUndefined();
    expect(cspNonce(undefined)).toBeUndefined();
    expect(cspNonce(page(CSP_NONCE_PLACEHOLDER))).toBeUndefined();
  });

  it('is the placeholder the build writes (vite.config.ts html.cspNonce) and the API replaces', async () => {
    const { default: config } = await import('../../vite.config.ts');
    expect((config as { html?: { cspNonce?: string } }).html?.cspNonce).toBe(CSP_NONCE_PLACEHOLDER);
  });
});

describe('emotion caches', () => {
  it('put the nonce on the style tags of both directions', () => {
    const caches = createEmotionCaches('q0Hk7Vn0m3xq1A2B3C4D5w==');
    expect(caches.rtl.nonce).toBe('q0Hk7Vn0m3xq1A2B3C4D5w==');
    expect(caches.ltr.nonce).toBe('q0Hk7Vn0m3xq1A2B3C4D5w==');
    expect([caches.rtl.key, caches.ltr.key]).toEqual(['muirtl', 'muiltr']);
  });
});
