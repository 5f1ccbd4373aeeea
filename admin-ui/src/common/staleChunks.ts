/** sessionStorage key: when this tab last reloaded because a chunk could not be fetched. */
export const RELOADED_AT_KEY = 'diploma-desk:reloaded-for-chunk-at';

/** A second failure this soon after such a reload is not a stale tab: the error is shown instead of looping. */
export const RELOAD_GRACE_MS = 30_000;

export function shouldReloadForChunk(lastReloadAt: string | null, now: number): boolean {
  const last = Number(lastReloadAt);
  return !(lastReloadAt !== null && Number.isFinite(last) && now - last >= 0 && now - last < RELOAD_GRACE_MS);
}

/**
 * Screens are chunks fetched when first visited, and each release names them anew (content hashes). A tab
 * opened before a release asks for chunks the server no longer has (404): Vite reports it as
 * `vite:preloadError`, and the tab loads the current release instead, once; were it to fail again right
 * after, react-admin's error page shows the error.
 */
export function reloadOnStaleChunks(win: Window = window): void {
  win.addEventListener('vite:preloadError', (event) => {
    const now = Date.now();
    if (!shouldReloadForChunk(win.sessionStorage.getItem(RELOADED_AT_KEY), now)) return;
    event.preventDefault();
    win.sessionStorage.setItem(RELOADED_AT_KEY, String(now));
    win.location.reload();
  });
}
