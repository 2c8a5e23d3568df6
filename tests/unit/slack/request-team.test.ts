import { describe, expect, it } from 'vitest';
import { requestTeamId } from '../../../src/slack/request-team.ts';

describe('one rule for the workspace a request acts in', () => {
  it('takes the team Bolt authorized when there is one', () => {
    expect(requestTeamId({ command: '/careerplan', team_id: 'T0OTHER' }, 'T0HOST')).toBe('T0HOST');
  });

  it('reads each payload kind the way Bolt does', () => {
    expect(requestTeamId({ command: '/careerplan', team_id: 'T0HOST', user_id: 'U1' })).toBe('T0HOST');
    expect(
      requestTeamId({ type: 'event_callback', team_id: 'T0X', authorizations: [{ team_id: 'T0HOST' }] }),
    ).toBe('T0HOST');
    expect(requestTeamId({ type: 'event_callback', team_id: 'T0HOST' })).toBe('T0HOST');
    expect(
      requestTeamId({ type: 'block_actions', team: { id: 'T0HOST' }, user: { team_id: 'T0GUEST' } }),
    ).toBe('T0HOST');
    expect(requestTeamId({ type: 'block_actions', team: null, user: { team_id: 'T0HOST' } })).toBe('T0HOST');
  });

  it('a modal opened from a shared channel acts in the workspace that installed the app', () => {
    // What `body.team?.id ?? view.team_id` got wrong: team.id is the guest's workspace here.
    const body = {
      type: 'view_submission',
      team: { id: 'T0GUEST' },
      user: { id: 'U0G', team_id: 'T0GUEST' },
      view: { team_id: 'T0GUEST', app_installed_team_id: 'T0HOST', callback_id: 'plans_goal' },
    };
    expect(requestTeamId(body)).toBe('T0HOST');
  });
});
