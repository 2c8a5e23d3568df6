import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher } from '../../src/domain/workspaces/token-cipher.ts';

describe('token cipher (AES-256-GCM)', () => {
  const cipher = createTokenCipher(randomBytes(32));

  it('round-trips a token and never stores it in clear', () => {
    const token = 'xoxb-123-456-secretsecret';
    const sealed = cipher.encrypt(token, 'T1');
    expect(sealed.includes(Buffer.from(token))).toBe(false);
    expect(cipher.decrypt(sealed, 'T1')).toBe(token);
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt('same', 'T1').equals(cipher.encrypt('same', 'T1'))).toBe(false);
  });

  it('refuses a payload moved to another workspace, tampered with, or under another key', () => {
    const sealed = cipher.encrypt('xoxb-1', 'T1');
    expect(() => cipher.decrypt(sealed, 'T2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => cipher.decrypt(tampered, 'T1')).toThrow();
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed, 'T1')).toThrow();
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => createTokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
