import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { createLogger } from '../../../src/ops/logger.ts';
import { validateBlocks } from '../../../src/sandbox/slack/block-kit-limits.ts';
import { createCommandRouter, type SubcommandHandler } from '../../../src/slack/commands/router.ts';
import type { HelpEntry } from '../../../src/slack/kit/feature.ts';

const logger = createLogger('silent');

/** Help entries as features declare them, one per handler (plus `help`). */
function helpFor(handlers: Record<string, SubcommandHandler>): HelpEntry[] {
  return [
    { name: 'help', summary: 'this list', example: '/careerplan help' },
    ...Object.keys(handlers).map((name) => ({
      name,
      summary: `the ${name} command`,
      example: name === 'okr' ? '/careerplan okr progress 2 60' : `/careerplan ${name}`,
      ...(name === 'ritual' ? { adminOnly: true } : {}),
    })),
  ];
}

async function run(handlers: Record<string, SubcommandHandler>, text: string) {
  const acks: Array<RespondArguments | undefined> = [];
  const responds: RespondArguments[] = [];
  const router = createCommandRouter(handlers, helpFor(handlers), logger);
  const args = {
    command: { text, team_id: 'T1', user_id: 'U1', channel_id: 'C1', trigger_id: 'trig' },
    ack: async (reply?: RespondArguments) => void acks.push(reply),
    respond: async (reply: RespondArguments) => void responds.push(reply),
    client: {},
  } as unknown as SlackCommandMiddlewareArgs & AllMiddlewareArgs;
  await router(args);
  return { acks, responds };
}

function textOf(reply: RespondArguments | undefined): string {
  return JSON.stringify(reply ?? {});
}

describe('/careerplan router', () => {
  it('answers help (and no argument) ephemerally: each built subcommand with an example, the rest on one line', async () => {
    const ok = async () => ({ text: 'ok' });
    for (const text of ['', 'help', 'HELP']) {
      const { acks } = await run({ goal: ok, okr: ok, ritual: ok }, text);
      expect(acks).toHaveLength(1);
      expect(acks[0]?.response_type).toBe('ephemeral');
      const body = textOf(acks[0]);
      for (const name of ['goal', 'okr', 'ritual']) expect(body).toContain(`*${name}*`);
      expect(body).toContain('/careerplan okr progress 2 60');
      // Unbuilt ones are named once, on the coming-soon line, never with a line each.
      expect(body).not.toContain('*leaderboard*');
      expect(body).toMatch(/_Coming soon:_ [^"]*`leaderboard`[^"]*`delete-my-data`/);
      expect(body).not.toMatch(/`goal`,/);
      // The admin mark is said once.
      expect(body).not.toContain('(admins) _(admins)_');
      expect(body).toContain('_(admins)_');
      expect(validateBlocks((acks[0] as { blocks?: unknown } | undefined)?.blocks, 'message')).toEqual([]);
    }
  });

  it('refuses at start-up a subcommand that has no help entry', () => {
    expect(() => createCommandRouter({ goal: async () => undefined }, [], logger)).toThrow(/no help entry/);
  });

  it('answers an unknown subcommand with a specific error and a suggestion', async () => {
    const { acks } = await run({ okr: async () => undefined }, 'okrs');
    expect(textOf(acks[0])).toContain('`okrs` is not a careerplan command');
    expect(textOf(acks[0])).toContain('/careerplan okr');
    const nonsense = await run({}, 'nonsense');
    expect(textOf(nonsense.acks[0])).toContain('`nonsense` is not a careerplan command');
  });

  it('never dispatches to Object.prototype members', async () => {
    for (const text of ['constructor', '__proto__', 'toString']) {
      const { acks } = await run({}, text);
      expect(textOf(acks[0])).toContain('is not a careerplan command');
    }
  });

  it('says a catalogued but unbuilt subcommand is coming soon instead of pretending', async () => {
    const { acks } = await run({}, 'leaderboard');
    expect(textOf(acks[0])).toContain('coming soon');
  });

  it('dispatches with parsed args and turns a DomainError into its message', async () => {
    let seen: string[] = [];
    const handlers: Record<string, SubcommandHandler> = {
      okr: async (ctx) => {
        seen = ctx.args;
        throw new DomainError(
          'okr_progress_args',
          'needs a key result number, e.g. `/careerplan okr progress 2 60`',
        );
      },
    };
    const { acks } = await run(handlers, 'okr progress two');
    expect(seen).toEqual(['progress', 'two']);
    expect(textOf(acks[0])).toContain('e.g. `/careerplan okr progress 2 60`');
  });

  it('hides unexpected errors behind a reference and never a stack trace', async () => {
    const { acks } = await run(
      { goal: async () => Promise.reject(new Error('db exploded at line 3')) },
      'goal',
    );
    expect(textOf(acks[0])).toContain('Something went wrong');
    expect(textOf(acks[0])).not.toContain('db exploded');
  });

  it('replies through response_url when the handler acknowledged early', async () => {
    const { acks, responds } = await run(
      {
        goal: async (ctx) => {
          await ctx.ack();
          return { text: 'saved' };
        },
      },
      'goal',
    );
    expect(acks).toEqual([undefined]);
    expect(responds[0]).toMatchObject({ response_type: 'ephemeral', text: 'saved' });
  });
});
