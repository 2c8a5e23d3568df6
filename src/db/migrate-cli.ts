import { ConfigError, loadDatabaseConfig } from '../config.ts';
import { loadDotEnv } from '../env-file.ts';
import { createLogger } from '../ops/logger.ts';
import { explainDatabaseError, StartupError, startupStep } from '../ops/startup-errors.ts';
import { ensureDatabase } from './ensure-database.ts';
import { migrate } from './migrator.ts';

/**
 * `npm run db:migrate`: the same .env and the same DATABASE_URL rule as `npm start` (config.ts),
 * so it migrates the database the app will use. Slack settings are not required here.
 */
loadDotEnv();
const logger = createLogger('info', { role: 'migrate' });

try {
  const { databaseUrl } = loadDatabaseConfig(process.env);
  const applied = await startupStep(explainDatabaseError(databaseUrl), async () => {
    if (await ensureDatabase(databaseUrl)) logger.info('created the database named in DATABASE_URL');
    return migrate(databaseUrl);
  });
  logger.info(
    { applied },
    applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date',
  );
} catch (error) {
  const known = error instanceof ConfigError || error instanceof StartupError;
  process.stderr.write(
    `careerplan: ${known ? (error as Error).message : `migration failed: ${(error as Error).message}`}\n`,
  );
  process.exitCode = 1;
}
