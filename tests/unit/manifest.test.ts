import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SUBSCRIBED_EVENTS } from '../../src/slack/features/core/events/subscribed.ts';
import { COMMAND } from '../../src/slack/features/core/ids.ts';
import { BOT_SCOPES } from '../../src/slack/scopes.ts';

/**
 * Events the manifest subscribes to before the app handles them, so installs made now already
 * carry them. Remove an entry here once its listener is registered in SUBSCRIBED_EVENTS.
 */
const PLANNED_EVENTS: readonly string[] = [];

/** The parts of Slack's manifest schema (major_version 2) the app depends on. */
const manifestSchema = z.object({
  _metadata: z.object({ major_version: z.literal(2) }),
  display_information: z.object({
    name: z.string(),
    description: z.string().optional(),
    background_color: z.string().optional(),
  }),
  features: z.object({
    app_home: z.object({
      home_tab_enabled: z.boolean(),
      messages_tab_enabled: z.boolean(),
      messages_tab_read_only_enabled: z.boolean(),
    }),
    bot_user: z.object({ display_name: z.string(), always_online: z.boolean() }),
    slash_commands: z.array(
      z.object({
        command: z.string(),
        url: z.string(),
        description: z.string(),
        usage_hint: z.string().optional(),
        should_escape: z.boolean(),
      }),
    ),
  }),
  oauth_config: z.object({
    redirect_urls: z.array(z.string()),
    scopes: z.object({ bot: z.array(z.string()) }),
  }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

const text = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const manifest = manifestSchema.parse(parse(text));

describe('manifest.yml', () => {
  it('declares the one slash command, pointed at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([COMMAND]);
    const [command] = manifest.features.slash_commands;
    expect(command?.url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(command?.description.length).toBeGreaterThan(0);
    expect(command?.description.length).toBeLessThanOrEqual(100);
    expect(command?.usage_hint?.length ?? 0).toBeLessThanOrEqual(100);
  });

  it('sends interactivity and events to /slack/events', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
  });

  it('asks for exactly the bot scopes the app declares', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(new Set(scopes)).toEqual(new Set<string>(BOT_SCOPES));
  });

  it('subscribes to every event the app handles', () => {
    const botEvents = manifest.settings.event_subscriptions.bot_events;
    for (const event of SUBSCRIBED_EVENTS) expect(botEvents).toContain(event);
  });

  it('subscribes to no event the app neither handles nor plans to handle', () => {
    const known = new Set<string>([...SUBSCRIBED_EVENTS, ...PLANNED_EVENTS]);
    const unexpected = manifest.settings.event_subscriptions.bot_events.filter((e) => !known.has(e));
    expect(unexpected).toEqual([]);
    // A planned event that now has a listener belongs in SUBSCRIBED_EVENTS only.
    expect(PLANNED_EVENTS.filter((e) => (SUBSCRIBED_EVENTS as readonly string[]).includes(e))).toEqual([]);
  });

  it('enables the Home tab and a writable Messages tab', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('redirects OAuth installs to /slack/oauth_redirect', () => {
    expect(manifest.oauth_config.redirect_urls.length).toBeGreaterThan(0);
    for (const url of manifest.oauth_config.redirect_urls)
      expect(url).toMatch(/^https:\/\/[^/]+\/slack\/oauth_redirect$/);
  });

  it("stays within Slack's display limits", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description?.length ?? 0).toBeLessThanOrEqual(140);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });

  it('defaults to HTTP mode with one request URL (Socket Mode is an opt-in)', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });
});
