import { describe, expect, it } from 'vitest';
import { type Preloadable, screenForRoute } from './screenForRoute.ts';

const screen = (name: string): Preloadable & { name: string } => ({ name, preload: async () => name });
const dashboard = screen('dashboard');
const resources = {
  requests: { list: screen('requests.list'), show: screen('requests.show') },
  users: { list: screen('users.list'), create: screen('users.create'), edit: screen('users.edit') },
  'audit-events': { list: screen('audit.list'), show: screen('audit.show') },
  plain: { list: () => null },
};
const nameOf = (hash: string) => (screenForRoute(hash, dashboard, resources) as { name?: string } | undefined)?.name;

describe('screenForRoute', () => {
  it('finds the dashboard at the root', () => {
    for (const hash of ['', '#', '#/', '#/?x=1']) expect(nameOf(hash), hash).toBe('dashboard');
  });

  it("finds a resource's list, with or without its query", () => {
    expect(nameOf('#/requests')).toBe('requests.list');
    expect(nameOf('#/requests/')).toBe('requests.list');
    expect(nameOf(`#/requests?filter=${encodeURIComponent('{"queue":"graduate_officer"}')}`)).toBe('requests.list');
    expect(nameOf('#/audit-events?filter=%7B%7D')).toBe('audit.list');
  });

  it('finds show pages, their tabs included, edit pages and create pages', () => {
    expect(nameOf('#/requests/0b6c5f3e-2a4d-4e7b-9f1a-3c2d1e0f9a8b/show')).toBe('requests.show');
    expect(nameOf('#/requests/0b6c5f3e-2a4d-4e7b-9f1a-3c2d1e0f9a8b/show/documents')).toBe('requests.show');
    expect(nameOf('#/audit-events/12/show')).toBe('audit.show');
    expect(nameOf('#/users/42')).toBe('users.edit');
    expect(nameOf('#/users/create')).toBe('users.create');
  });

  it('finds nothing for the login page, unknown resources, missing screens or other paths', () => {
    for (const hash of [
      '#/login',
      '#/graduates',
      '#/constructor',
      '#/toString/1/show',
      '#/requests/create',
      '#/requests/12',
      '#/users/42/show',
      '#/users/create/x',
      '#/requests/1/edit/x',
      '#requests',
      '#/plain',
    ]) {
      expect(nameOf(hash), hash).toBeUndefined();
    }
  });
});
