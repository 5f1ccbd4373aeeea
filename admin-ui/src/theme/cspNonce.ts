/** What the build writes in index.html (vite.config.ts); the API serves the page with a real nonce in its place. */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The nonce of this page: Vite's `<meta property="csp-nonce" nonce="…">`, filled in per response by the API.
 * Browsers hide a nonce attribute from getAttribute once a CSP applies, so the `nonce` property is read first.
 * Undefined without the tag, or when the page was not served by the API (the Vite dev server leaves the
 * placeholder, and sends no CSP).
 */
export function cspNonce(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document): string | undefined {
  const meta = doc?.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || undefined;
  return nonce === CSP_NONCE_PLACEHOLDER ? undefined : nonce;
}
