import createCache from '@emotion/cache';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import type { Direction } from '../i18n/locales.ts';
import { cspNonce } from './cspNonce.ts';

/** The page's CSP allows inline <style> tags only with its nonce: emotion puts it on every tag it injects. */
export function createEmotionCaches(nonce: string | undefined = cspNonce()) {
  return {
    rtl: createCache({ key: 'muirtl', nonce, stylisPlugins: [prefixer, rtlPlugin] }),
    ltr: createCache({ key: 'muiltr', nonce }),
  };
}

const caches = createEmotionCaches();

export const emotionCacheFor = (direction: Direction) => caches[direction];
