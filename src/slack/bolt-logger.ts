import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Level } from 'pino';
import { type Logger, scrubSecrets } from '../ops/logger.ts';

/** Bolt's logs go through pino too, so they are JSON and secrets are scrubbed. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  // Bolt logs several debug lines per request, some with whole payloads: format them only when
  // the level is on, or every request pays for JSON it throws away.
  const log =
    (level: Level) =>
    (...msg: unknown[]) => {
      if (!child.isLevelEnabled(level)) return;
      child[level](scrubSecrets(msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ')));
    };
  let level = LogLevel.INFO;
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
