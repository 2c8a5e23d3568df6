import { DomainError } from '../../../../src/domain/errors.ts';

/** The DomainError a service call rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(work: Promise<unknown>): Promise<DomainError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}
