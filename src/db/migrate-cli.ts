import { ConfigError } from '../config.ts';
import { createLogger } from '../ops/logger.ts';
import { ensureDatabase } from './ensure-database.ts';
import { migrate } from './migrator.ts';

// `npm run db:migrate`: only DATABASE_URL matters here, so the Slack settings are not required.
const logger = createLogger('info', { role: 'migrate' });
const databaseUrl = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/careerplan';

try {
  if (await ensureDatabase(databaseUrl)) logger.info('created the database named in DATABASE_URL');
  const applied = await migrate(databaseUrl);
  logger.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date',
  );
} catch (error) {
  const message =
    error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}
