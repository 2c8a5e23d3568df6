import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { isConnectionFault, type PoolHealth } from './pool-health.ts';

/**
 * The pg Pool as Kysely sees it, with the two things pg does not do on its own:
 *
 * - A client whose query hit a connection fault is destroyed when released, not put back. pg
 *   already drops clients that emitted 'error', but a query that timed out client-side (the
 *   server never answered: a partition) leaves a client that looks healthy and would hang every
 *   later query. Without this the pool stays full of dead connections after a partition heals.
 * - Every outcome is reported to `health`, which liveness reads.
 */
export function resilientPool(pool: pg.Pool, health: PoolHealth): PostgresPool {
  // Kysely keys its connection wrappers by client object: hand out one wrapper per pg client.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const broken = new WeakSet<pg.PoolClient>();

  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const query = async <R>(sqlText: string, parameters: ReadonlyArray<unknown>) => {
      try {
        const result = (await client.query(sqlText, [...parameters])) as unknown as PostgresQueryResult<R>;
        health.succeeded();
        return result;
      } catch (error) {
        if (isConnectionFault(error)) {
          broken.add(client);
          health.failed(error);
        } else {
          health.succeeded();
        }
        throw error;
      }
    };
    return {
      query: query as PostgresPoolClient['query'],
      release(destroy?: boolean) {
        // pg removes a client from the pool when release gets a truthy argument.
        client.release(destroy === true || broken.has(client));
      },
    };
  };

  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        health.failed(error);
        throw error;
      }
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
