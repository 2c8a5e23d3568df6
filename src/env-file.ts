import { existsSync } from 'node:fs';

/**
 * Reads `.env` from the working directory into process.env when the file exists; variables already
 * set in the real environment win. `npm start` and `npm run db:migrate` both call this first, so
 * they always see the same DATABASE_URL.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
