import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/ops/logger.ts';

describe('logs never carry secrets', () => {
  it('scrubs Slack tokens from free text', () => {
    expect(scrubSecrets('call failed for xoxb-123-456-abcDEF and xapp-1-A1-99-zz')).toBe(
      'call failed for [redacted-token] and [redacted-token]',
    );
  });

  it('redacts secret fields, tokens inside messages and inside error stacks', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const real = createLogger('info', {}, sink);
    real.info(
      { token: 'xoxb-1-2-secret', installation: { bot: { token: 'xoxb-3-4-secret' } }, clientSecret: 'shh' },
      'installed',
    );
    real.warn('retrying with xoxb-9-9-leaky');
    real.error({ err: new Error('invalid_auth for xoxb-7-7-inerror') }, 'failed');
    const output = lines.join('');
    expect(output).not.toMatch(/xoxb-\d/);
    expect(output).not.toContain('shh');
    expect(output).toContain('[redacted');
  });
});
