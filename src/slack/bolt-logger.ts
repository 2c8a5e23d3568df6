import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import { type Logger, scrubSecrets } from '../ops/logger.ts';

/** Bolt's logs go through pino too, so they are JSON and secrets are scrubbed. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const text = (msg: unknown[]) =>
    scrubSecrets(msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  let level = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
