import type { Db } from './database.ts';

/**
 * Runs work in one transaction with repositories built on it. Services take this port instead of
 * a database, so their rules run in unit tests against in-memory repositories.
 */
export interface UnitOfWork<R> {
  run<T>(work: (repositories: R) => Promise<T>): Promise<T>;
}

export function unitOfWork<R>(db: Db, build: (trx: Db) => R): UnitOfWork<R> {
  return { run: (work) => db.transaction().execute((trx) => work(build(trx))) };
}
