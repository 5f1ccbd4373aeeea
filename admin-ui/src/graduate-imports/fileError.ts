import { HttpError } from 'react-admin';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Why a file was refused, in the reader's language: the reason the API gives (`reason`, with `params`) for a
 * file it cannot read as the portal's CSV, else the problem's own translated message.
 */
export function fileErrorText(error: unknown, translate: Translate): string {
  const body = error instanceof HttpError ? (error.body as Record<string, unknown> | undefined) : undefined;
  const reason = typeof body?.reason === 'string' ? body.reason : undefined;
  if (reason) {
    const params = (body?.params ?? {}) as Record<string, unknown>;
    const fields =
      typeof params.fields === 'string'
        ? params.fields
            .split(', ')
            .map((field) => translate(`resources.graduates.fields.${field}`, { _: field }))
            .join(translate('graduate_imports.list_separator'))
        : undefined;
    return translate(`graduate_imports.file_errors.${reason}`, {
      ...params,
      ...(fields ? { fields } : {}),
      _: error instanceof Error ? error.message : reason,
    });
  }
  return error instanceof Error
    ? translate(error.message, { _: error.message })
    : translate('ra.notification.http_error');
}
