import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { ACTION_FAMILIES, KNOWN_ACTIONS, SUBJECT_TYPES, shortId } from './actions.ts';

describe('audit labels', () => {
  it('has a label for every known action, family and subject type', () => {
    const labelled = (map: Record<string, string>, keys: readonly string[]) => keys.filter((key) => !map[key]);
    expect(labelled(en.audit.actions, KNOWN_ACTIONS)).toEqual([]);
    expect(labelled(en.audit.families, ACTION_FAMILIES)).toEqual([]);
    expect(labelled(en.audit.subject_types, SUBJECT_TYPES)).toEqual([]);
  });

  it('labels exactly the known actions', () => {
    expect(Object.keys(en.audit.actions).sort()).toEqual([...KNOWN_ACTIONS].sort());
  });

  it('covers every workflow action of a request', () => {
    expect(KNOWN_ACTIONS).toContain('request.send-for-signature');
    expect(KNOWN_ACTIONS).toContain('tick.welfare.revoke');
  });
});

describe('shortId', () => {
  it('shortens UUIDs and leaves other ids alone', () => {
    expect(shortId('3f2a1b2c-0000-4000-8000-000000000001')).toBe('3f2a1b2c');
    expect(shortId('42')).toBe('42');
  });
});
