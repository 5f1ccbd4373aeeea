import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

// biome-ignore lint/suspicious/noExplicitAny: the constraint React.lazy itself puts on a component's props
type AnyComponent = ComponentType<any>;

/** A lazily loaded component that can also be asked to fetch its code ahead of its first render. */
export type LazyComponent<C extends AnyComponent> = LazyExoticComponent<C> & {
  /** Starts fetching the chunk (once); the first render then finds it loaded or on its way. */
  preload(): Promise<unknown>;
};

/**
 * `React.lazy` for a module's named export: the screen's code is fetched the first time it renders, as its
 * own chunk. Whatever renders it needs a `<Suspense>` above it: react-admin's layout has one around the
 * page (its `<Loading>`, translated), and parts inside a page bring their own (src/common/LazyPart.tsx).
 * `preload()` fetches it earlier: src/preloadScreen.ts does for the screen a page is opened on.
 *
 * @example const UserList = lazyNamed(() => import('./UserList.tsx'), 'UserList');
 */
export function lazyNamed<M extends Record<K, AnyComponent>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyComponent<M[K]> {
  let loading: Promise<M | undefined> | undefined;
  const loadOnce = () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // a later render may try again
      throw error;
    });
    return loading;
  };
  const component = lazy(() =>
    loadOnce().then((module) =>
      // No module: the chunk was gone and the tab is reloading (staleChunks.ts); the fallback stays until then.
      module === undefined ? new Promise<never>(() => {}) : { default: module[name] },
    ),
  );
  return Object.assign(component, { preload: loadOnce });
}
