import { describe, expect, it } from 'vitest';
import { closestName, parseCommandText } from '../../../src/slack/commands/parse.ts';

describe('parseCommandText', () => {
  it.each([
    [undefined, { name: null, args: [], rest: '' }],
    ['   ', { name: null, args: [], rest: '' }],
    ['help', { name: 'help', args: [], rest: '' }],
    ['OKR progress 2 60', { name: 'okr', args: ['progress', '2', '60'], rest: 'progress 2 60' }],
    ['  okr   progress\t2  60 ', { name: 'okr', args: ['progress', '2', '60'], rest: 'progress   2  60' }],
    [
      'summary Learned about  *Kysely* joins',
      {
        name: 'summary',
        args: ['Learned', 'about', '*Kysely*', 'joins'],
        rest: 'Learned about  *Kysely* joins',
      },
    ],
    ['export\u00a0plan', { name: 'export', args: ['plan'], rest: 'plan' }],
  ])('%j → %j', (text, expected) => {
    const parsed = parseCommandText(text);
    expect(parsed.name).toBe(expected.name);
    expect(parsed.args).toEqual(expected.args);
    if (text?.includes('\t')) expect(parsed.rest).toBe('progress\t2  60');
    else expect(parsed.rest).toBe(expected.rest);
  });
});

describe('closestName', () => {
  it('suggests the subcommand a typo was meant to be', () => {
    expect(closestName('okrs', ['okr', 'goal'])).toBe('okr');
    expect(closestName('hlep', ['help', 'goal'])).toBe('help');
    expect(closestName('banana', ['okr', 'goal'])).toBeUndefined();
  });
});
