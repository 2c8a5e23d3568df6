import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets at rest (bot tokens). Layout: version byte | 12-byte IV | 16-byte tag |
 * ciphertext. The team id is bound as additional authenticated data, so a row copied to another
 * workspace does not decrypt.
 */
export interface TokenCipher {
  encrypt(plaintext: string, teamId: string): Buffer;
  decrypt(payload: Buffer, teamId: string): string;
}

export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error('token encryption key must be 32 bytes');
  return {
    encrypt(plaintext, teamId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(teamId, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(payload, teamId) {
      if (payload.length < 1 + IV_BYTES + TAG_BYTES || payload[0] !== VERSION) {
        throw new Error('encrypted token has an unknown format');
      }
      const iv = payload.subarray(1, 1 + IV_BYTES);
      const tag = payload.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(teamId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(payload.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
