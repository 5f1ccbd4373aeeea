/** What can be asked to fetch its code ahead of its first render (lazyNamed's components). */
export interface Preloadable {
  preload(): Promise<unknown>;
}

/** A resource's screens, as given to react-admin's <Resource>. */
export interface ResourceScreens {
  list?: unknown;
  show?: unknown;
  edit?: unknown;
  create?: unknown;
}

const preloadable = (screen: unknown): Preloadable | undefined =>
  typeof (screen as Preloadable | undefined)?.preload === 'function' ? (screen as Preloadable) : undefined;

/**
 * The screen react-admin shows for a hash route, following its routes: `#/` the dashboard, `#/name` the
 * list, `#/name/create`, `#/name/:id` the edit page, `#/name/:id/show` (and its tabs, `…/show/documents`) the
 * show page. Undefined for anything else (`#/login`, an unknown resource, a screen the resource lacks).
 */
export function screenForRoute(
  hash: string,
  dashboard: unknown,
  resources: Record<string, ResourceScreens>,
): Preloadable | undefined {
  const path = (hash.startsWith('#') ? hash.slice(1) : hash).split('?')[0] ?? '';
  if (path === '' || path === '/') return preloadable(dashboard);
  const [empty, name, id, show] = path.split('/');
  if (empty !== '' || !name || !Object.hasOwn(resources, name)) return undefined;
  const screens = resources[name]!;
  if (id === undefined || id === '') return preloadable(screens.list);
  if (id === 'create' && show === undefined) return preloadable(screens.create);
  if (show === 'show') return preloadable(screens.show);
  return show === undefined ? preloadable(screens.edit) : undefined;
}
