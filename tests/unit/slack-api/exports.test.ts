import { describe, expect, it } from 'vitest';
import { canvasRefusalReason, exportReply } from '../../../src/slack-api/exports.ts';

describe('export delivery words', () => {
  it('says in one line why there is no canvas', () => {
    expect(canvasRefusalReason('canvas_disabled_user_team')).toBe(
      'canvases are turned off in this workspace',
    );
    expect(canvasRefusalReason('team_tier_cannot_create_channel_canvases')).toContain('Slack plan');
    expect(canvasRefusalReason('missing_scope')).toContain('reinstall');
    expect(canvasRefusalReason('restricted_action')).toContain('settings');
    expect(canvasRefusalReason('weird`code<x>')).toBe('Slack did not create the canvas (`weirdcodex`)');
    expect(canvasRefusalReason(undefined)).toContain('did not answer');
  });

  it('answers with where the export went', () => {
    expect(
      exportReply('Your plan', { channelId: 'D1', canvas: { id: 'F1', url: null }, noCanvasReason: null }),
    ).toBe(':page_facing_up: Your plan is in your DM with careerplan, as a Markdown file and a canvas.');
    expect(
      exportReply('Your plan', { channelId: 'D1', canvas: null, noCanvasReason: 'canvases are off' }),
    ).toBe(
      ':page_facing_up: Your plan is in your DM with careerplan, as a Markdown file (no canvas: canvases are off).',
    );
  });
});
