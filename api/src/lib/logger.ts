import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.ts';

/** A national ID is ten digits; any run of ten digits in a logged message is taken for one. */
const TEN_DIGITS = /(?<![0-9])[0-9]{10}(?![0-9])/g;
const maskDigits = (text: string) => text.replace(TEN_DIGITS, '[10 digits]');

/**
 * The request as logged: the path and the names of the query's parameters, not their values. Queries carry
 * what people search for (a national ID at the counter, a name), which the log must not keep (ASVS 16.2.5).
 */
function requestForLog(request: FastifyRequest) {
  const [path = '', query] = request.url.split(/\?(.*)/s);
  const names = query === undefined ? [] : [...new Set(new URLSearchParams(query).keys())];
  return {
    method: request.method,
    url: maskDigits(names.length > 0 ? `${path}?${names.join('&')}` : path),
    host: request.host,
    remoteAddress: request.ip,
  };
}

interface LoggedError {
  [field: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/**
 * An error as logged: an allowlist of fields. Database errors carry the offending row or value in `detail`
 * and `where` (a national ID, a name), so those never reach the log; ten-digit runs in the message are masked.
 */
function errorForLog(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: maskDigits(String(error)), stack: '' };
  const e = error as Error & { code?: unknown; constraint?: unknown; statusCode?: unknown };
  return {
    type: e.constructor?.name ?? 'Error',
    message: maskDigits(e.message),
    stack: maskDigits(e.stack ?? ''),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.constraint !== undefined ? { constraint: e.constraint } : {}),
    ...(e.statusCode !== undefined ? { statusCode: e.statusCode } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: errorForLog(e.cause, depth + 1) } : {}),
  };
}

/**
 * The application log's options (pino, JSON lines): what a request and an error look like in it, and fields
 * removed wherever they appear, so that no password, session token or cookie is written even by a careless
 * `log.info(object)`.
 */
export function loggerOptions(config: Config): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level: config.logLevel,
    serializers: { req: requestForLog, err: errorForLog },
    redact: {
      paths: [
        'password',
        '*.password',
        'passwordHash',
        '*.passwordHash',
        'token',
        '*.token',
        'nationalId',
        '*.nationalId',
        'headers.cookie',
        'headers.authorization',
        '*.headers.cookie',
        '*.headers.authorization',
        'headers["set-cookie"]',
        '*.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  };
}
