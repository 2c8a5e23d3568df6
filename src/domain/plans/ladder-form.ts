import { DomainError } from '../errors.ts';
import { type LadderLevel, validateLadder } from './ladder.ts';

/** One row of the ladder form as typed; a row with every part empty is ignored. */
export interface LadderRowInput {
  code: string;
  title: string;
  summary: string;
}

/** The input key of a ladder row's part, e.g. `level_2_title` (block ids in the modal). */
export function ladderField(row: number, part: keyof LadderRowInput): string {
  return `level_${row}_${part}`;
}

function rowError(error: unknown, row: number, part: keyof LadderRowInput): never {
  if (error instanceof DomainError) throw new DomainError(error.code, error.message, ladderField(row, part));
  throw error;
}

/**
 * Validates the ladder form row by row with {@link validateLadder}, so an error names the row
 * and the part (code, title or summary) it is about. Rows left completely empty are skipped.
 */
export function validateLadderRows(rows: readonly LadderRowInput[]): LadderLevel[] {
  const filled = rows
    .map((row, index) => ({ index, row }))
    .filter(({ row }) => row.code.trim() || row.title.trim() || row.summary.trim());
  if (filled.length === 0) {
    throw new DomainError(
      'ladder_invalid',
      'A career ladder needs at least one level.',
      ladderField(0, 'code'),
    );
  }
  const levels: LadderLevel[] = [];
  for (const { index, row } of filled) {
    const code = row.code.trim().toUpperCase();
    try {
      validateLadder([{ code, title: 'Title', summary: '' }]);
    } catch (error) {
      rowError(error, index, 'code');
    }
    try {
      validateLadder([{ code, title: row.title, summary: '' }]);
    } catch (error) {
      rowError(error, index, 'title');
    }
    try {
      validateLadder([{ code, title: row.title, summary: row.summary }]);
    } catch (error) {
      rowError(error, index, 'summary');
    }
    try {
      // Duplicated codes: only visible with the rows before this one.
      validateLadder([...levels, { code, title: row.title, summary: row.summary }]);
    } catch (error) {
      rowError(error, index, 'code');
    }
    levels.push({ code, title: row.title.trim(), summary: row.summary.trim() });
  }
  return validateLadder(levels);
}
