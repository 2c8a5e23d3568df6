import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  parseConversationCadence,
  periodLabel,
  periodOf,
} from '../../../src/domain/feedback/conversation.ts';
import {
  type FeedbackAsk,
  type FeedbackRequest,
  receivedAnswer,
  validateAnswer,
  validateDueDate,
  validateQuestion,
} from '../../../src/domain/feedback/feedback.ts';
import { summarize } from '../../../src/domain/feedback/feedback-views.ts';
import { checkManager, checkPeople, type NamedPerson } from '../../../src/domain/feedback/recipients.ts';
import { reviewSessions } from '../../../src/domain/feedback/review-asks.service.ts';
import type { Member } from '../../../src/domain/workspaces/workspace.ts';
import { leadingMentions, singleMention } from '../../../src/slack/features/feedback/mentions.ts';

const TEAM = 'T0TEAM';

function member(userId: string, fields: Partial<Member> = {}): NamedPerson {
  return {
    userId,
    member: {
      teamId: TEAM,
      userId,
      displayName: userId.toLowerCase(),
      realName: '',
      tz: 'Europe/London',
      isAdmin: false,
      isOwner: false,
      isBot: false,
      isDeleted: false,
      homeTeamId: TEAM,
      ...fields,
    },
  };
}

function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const request: FeedbackRequest = {
  id: '7',
  teamId: TEAM,
  userId: 'U0REQ',
  origin: 'peer',
  sourceKey: null,
  question: 'How clear was my design doc?',
  about: null,
  anonymous: false,
  dueDate: '2026-09-23',
  closesAt: new Date('2026-09-23T21:00:00Z'),
  tz: 'America/New_York',
  createdAt: new Date('2026-09-16T14:00:00Z'),
};

const ask = (userId: string, fields: Partial<FeedbackAsk> = {}): FeedbackAsk => ({
  id: `a-${userId}`,
  requestId: '7',
  teamId: TEAM,
  userId,
  status: 'waiting',
  answer: null,
  improve: null,
  rating: null,
  declineReason: null,
  respondedAt: null,
  ...fields,
});

describe('reading `/careerplan feedback @a @b <question>`', () => {
  it('takes the escaped mentions at the start as people and the rest as the question', () => {
    expect(leadingMentions('<@U01|ana> <@W02> How was it today?')).toEqual({
      ok: true,
      people: ['U01', 'W02'],
      rest: 'How was it today?',
    });
    expect(leadingMentions('How was <@U01|ana> today?')).toEqual({
      ok: true,
      people: [],
      rest: 'How was <@U01|ana> today?',
    });
  });

  it('refuses groups and plain @names', () => {
    expect(leadingMentions('<!subteam^S1|@eng> q')).toMatchObject({ ok: false, problem: 'group' });
    expect(leadingMentions('<@U01> <!here> q')).toMatchObject({ ok: false, problem: 'group' });
    expect(leadingMentions('@ana q')).toMatchObject({ ok: false, problem: 'unlinked', token: '@ana' });
  });

  it('reads exactly one manager', () => {
    expect(singleMention('<@U09|lee>')).toBe('U09');
    expect(singleMention('<@U09|lee> <@U08>')).toBeUndefined();
    expect(singleMention('<@U09|lee> please')).toBeUndefined();
  });
});

describe('request rules', () => {
  it('wants a specific question', () => {
    expect(validateQuestion('  How   clear was my doc? ')).toBe('How clear was my doc?');
    expect(refusal(() => validateQuestion('')).message).toContain('Write the question');
    expect(refusal(() => validateQuestion('thoughts?')).message).toContain('specific');
    expect(refusal(() => validateQuestion(`How ${'very '.repeat(200)}clear?`)).field).toBe('question');
  });

  it('checks the people in a useful order', () => {
    const check = (people: NamedPerson[]) => checkPeople({ teamId: TEAM, requesterId: 'U0REQ', people });
    expect(check([member('U01'), member('U02')])).toEqual(['U01', 'U02']);
    expect(refusal(() => check([])).message).toContain('Name the people');
    expect(refusal(() => check(Array.from({ length: 11 }, (_, i) => member(`U${i}`)))).message).toContain(
      'up to 10',
    );
    expect(refusal(() => check([member('U01'), member('U01')])).message).toContain('twice');
    expect(refusal(() => check([member('U0REQ')])).message).toContain('yourself');
    expect(refusal(() => check([{ userId: 'U03', member: undefined }])).message).toContain(
      'not in this workspace',
    );
    expect(refusal(() => check([member('U04', { homeTeamId: 'T0OTHER' })])).message).toContain(
      'not in this workspace',
    );
    expect(refusal(() => check([member('U05', { isBot: true })])).message).toContain('bot');
    expect(refusal(() => check([member('U06', { isDeleted: true })])).message).toContain('deactivated');
    // A profile stored before Slack said which team someone is in counts as this workspace.
    expect(check([member('U07', { homeTeamId: null })])).toEqual(['U07']);
  });

  it('checks a manager the same way', () => {
    const check = (manager: NamedPerson) => checkManager({ teamId: TEAM, userId: 'U0ME', manager });
    expect(check(member('U0LEE'))).toBe('U0LEE');
    expect(refusal(() => check(member('U0ME'))).code).toBe('manager_invalid');
    expect(refusal(() => check(member('U0BOT', { isBot: true }))).message).toContain('bot');
  });

  it('due dates: a week out by default, from tomorrow to 60 days ahead', () => {
    expect(validateDueDate(undefined, '2026-09-16')).toBe('2026-09-23');
    expect(validateDueDate('2026-09-17', '2026-09-16')).toBe('2026-09-17');
    expect(refusal(() => validateDueDate('2026-09-16', '2026-09-16')).field).toBe('due');
    expect(refusal(() => validateDueDate('2026-11-16', '2026-09-16')).message).toContain('60 days');
    expect(refusal(() => validateDueDate('next week', '2026-09-16')).field).toBe('due');
  });

  it('answers: a rating only about a skill; design reviews need both parts', () => {
    expect(validateAnswer(request, { answer: 'Good', rating: '4' })).toEqual({
      answer: 'Good',
      improve: null,
      rating: null,
    });
    const skill = { ...request, about: { kind: 'skill' as const, id: null, label: 'System design' } };
    expect(validateAnswer(skill, { answer: 'Good', rating: '4' }).rating).toBe(4);
    expect(refusal(() => validateAnswer(skill, { answer: 'Good', rating: '9' })).field).toBe('rating');
    const review = { ...request, origin: 'review' as const };
    expect(refusal(() => validateAnswer(review, { answer: 'Diagrams', improve: ' ' })).field).toBe('improve');
  });
});

describe('anonymity', () => {
  it('an anonymous request’s answers and summary name nobody', () => {
    const anonymous = { ...request, anonymous: true };
    const answered = ask('U0AUTHOR', { status: 'answered', answer: 'Fine', respondedAt: new Date() });
    expect(receivedAnswer(anonymous, answered)?.author).toBeNull();
    expect(receivedAnswer(request, answered)?.author).toBe('U0AUTHOR');
    const summary = summarize(anonymous, [
      answered,
      ask('U0DECLINER', { status: 'declined', declineReason: 'busy' }),
      ask('U0SILENT'),
    ]);
    expect(summary.counts).toEqual({ asked: 3, answered: 1, declined: 1, waiting: 1 });
    expect(JSON.stringify(summary)).not.toMatch(/U0AUTHOR|U0DECLINER|U0SILENT/);
  });
});

describe('feedback conversations', () => {
  it('names periods by their first month, in the member’s local date', () => {
    expect(periodOf('2026-08-14', 3)).toBe('2026-07');
    expect(periodOf('2026-12-31', 6)).toBe('2026-07');
    expect(periodOf('2027-01-01', 12)).toBe('2027-01');
    expect(periodOf('2026-02-28', 1)).toBe('2026-02');
    expect(periodLabel('2026-10', 3)).toBe('Q4 2026');
  });

  it('reads a cadence as admins type it', () => {
    expect(parseConversationCadence('quarterly')).toBe(3);
    expect(parseConversationCadence('6 months')).toBe(6);
    expect(parseConversationCadence('off')).toBe(0);
    expect(refusal(() => parseConversationCadence('5')).code).toBe('feedback_cadence_invalid');
  });
});

describe('design-review sessions from activity', () => {
  it('groups by workspace and session, and keeps attendees once', () => {
    const at = new Date('2026-09-15T19:00:00Z');
    const later = new Date('2026-09-15T19:05:00Z');
    const sessions = reviewSessions([
      {
        teamId: 'T1',
        userId: 'U1',
        kind: 'review.presented',
        sourceKey: 'review:s:1:presented',
        occurredAt: at,
      },
      {
        teamId: 'T1',
        userId: 'U2',
        kind: 'review.attended',
        sourceKey: 'review:s:1:attended:U2',
        occurredAt: at,
      },
      {
        teamId: 'T1',
        userId: 'U2',
        kind: 'review.attended',
        sourceKey: 'review:s:1:attended',
        occurredAt: later,
      },
      {
        teamId: 'T2',
        userId: 'U3',
        kind: 'review.attended',
        sourceKey: 'review:s:1:attended:U3',
        occurredAt: at,
      },
      { teamId: 'T1', userId: 'U4', kind: 'review.attended', sourceKey: 'something:else', occurredAt: at },
    ]);
    expect(sessions).toEqual([
      { teamId: 'T1', session: 's:1', presenter: 'U1', attendees: ['U2'], endedAt: later },
      { teamId: 'T2', session: 's:1', presenter: null, attendees: ['U3'], endedAt: at },
    ]);
  });
});
