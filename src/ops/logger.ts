import { type Logger, type LoggerOptions, pino } from 'pino';
import type { LogLevel } from '../config.ts';

export type { Logger };

/**
 * Field names that may carry secrets anywhere in a log object. pino's redaction replaces their
 * values before serialisation, so a token passed by mistake never reaches the log stream.
 */
const SECRET_PATHS = [
  'token',
  'botToken',
  'bot_token',
  'access_token',
  'appToken',
  'userToken',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'stateSecret',
  'authorization',
  'headers.authorization',
  'password',
  '*.token',
  '*.botToken',
  '*.bot_token',
  '*.access_token',
  '*.clientSecret',
  '*.client_secret',
  '*.authorization',
  '*.password',
  '*.*.token',
  '*.*.access_token',
];

/** Matches Slack token shapes inside free text (error messages from libraries, URLs). */
const TOKEN_PATTERN = /xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

/** Removes anything that looks like a Slack token from a string. */
export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '[redacted-token]');
}

/** Structured JSON logs on stdout (or `destination`, for tests). */
export function createLogger(
  level: LogLevel,
  bindings: Record<string, string> = {},
  destination?: NodeJS.WritableStream,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { app: 'careerplan', ...bindings },
    redact: { paths: SECRET_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // Library errors sometimes embed a token in their message; scrub every string argument.
      logMethod(args, method) {
        const cleaned = args.map((arg: unknown) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (err: unknown) => {
        const serialized = pino.stdSerializers.err(err as Error);
        return {
          ...serialized,
          message: scrubSecrets(serialized.message ?? ''),
          stack: scrubSecrets(serialized.stack ?? ''),
        };
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
