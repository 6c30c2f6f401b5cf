import { pino, type DestinationStream, type Logger } from 'pino'

/**
 * Credentials are never handed to the logger; these paths are the backstop in case one slips
 * into a logged object anyway (a header map, a request body).
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-hub-session-token"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-hub-session-token"]',
  'authorization',
  'apiKey',
  'api_key',
  'token',
  'credentials',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*.token',
  '*.credentials',
]

export type { Logger }

export function createLogger(
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: undefined,
    },
    options.destination,
  )
}
