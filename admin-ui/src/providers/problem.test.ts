import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { problemToHttpError } from './problem.ts';

const problem = (body: object, status = 400) => new HttpError('Bad Request', status, body);

describe('problemToHttpError', () => {
  it('uses the detail as the message', () => {
    const error = problemToHttpError(
      problem({ type: 'stale', title: 'Conflict', status: 409, detail: 'Stale version' }, 409),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ message: 'Stale version', status: 409 });
  });

  it('falls back to the title', () => {
    expect(problemToHttpError(problem({ title: 'Forbidden', status: 403 }, 403))).toMatchObject({
      message: 'Forbidden',
    });
  });

  it('maps field errors onto the form', () => {
    const error = problemToHttpError(
      problem({
        title: 'Invalid input',
        detail: 'Check the fields',
        errors: [
          { field: 'password', message: 'Too common' },
          { field: '/body/displayName', message: 'Required' },
        ],
      }),
    );
    expect(error).toMatchObject({
      body: { errors: { password: 'Too common', displayName: 'Required', root: { serverError: 'Check the fields' } } },
    });
  });

  it('drops an empty errors list so that the form does not wait for field errors', () => {
    const error = problemToHttpError(problem({ title: 'Invalid input', errors: [] }));
    expect(error).toMatchObject({ body: { title: 'Invalid input' } });
    expect(error).not.toHaveProperty('body.errors');
  });

  it('turns a network failure into a translated message', () => {
    expect(problemToHttpError(new TypeError('Failed to fetch'))).toMatchObject({ message: 'errors.network' });
  });
});

describe('problemToHttpError with a catalogue', () => {
  const catalogue: Record<string, string> = {
    'problems.stale-version': 'کس دیگری این پرونده را تغییر داده است.',
    'validation.password_common': 'بیش از اندازه رایج است',
  };
  const translate = (key: string, options?: Record<string, unknown>) => catalogue[key] ?? String(options?._ ?? key);

  it('translates by the problem type, whatever the server wrote', () => {
    const error = problemToHttpError(
      problem({ type: '/api/problems/stale-version', title: 'Conflict', status: 409, detail: 'Stale' }, 409),
      translate,
    );
    expect(error).toMatchObject({ message: 'کس دیگری این پرونده را تغییر داده است.' });
  });

  it('keeps the server text for a kind the UI does not know', () => {
    const error = problemToHttpError(
      problem({ type: '/api/problems/brand-new', title: 'New', status: 409, detail: 'Server words' }, 409),
      translate,
    );
    expect(error).toMatchObject({ message: 'Server words' });
  });

  it('translates field errors by code', () => {
    const error = problemToHttpError(
      problem({
        type: '/api/problems/validation-error',
        title: 'Invalid request',
        detail: 'password is too common',
        errors: [{ field: 'password', message: 'is too common; choose another', code: 'password_common' }],
      }),
      translate,
    );
    expect(error).toMatchObject({ body: { errors: { password: 'بیش از اندازه رایج است' } } });
  });
});
