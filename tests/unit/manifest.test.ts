import { readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { SUBSCRIBED_EVENTS } from '../../src/slack/features/core/events/subscribed.ts';
import { COMMAND } from '../../src/slack/features/core/ids.ts';
import type { PortfolioEdge } from '../../src/slack/features/portfolio/context.ts';
import { PORTFOLIO_SHORTCUTS } from '../../src/slack/features/portfolio/ids.ts';
import { createPortfolioFeature } from '../../src/slack/features/portfolio/index.ts';
import { BOT_SCOPES } from '../../src/slack/scopes.ts';

/**
 * Events the manifest subscribes to before the app handles them, so installs made now already
 * carry them. Remove an entry here once its listener is registered in SUBSCRIBED_EVENTS.
 */
/**
 * Every shortcut the app registers a listener for (app.shortcut), by feature. A feature that adds
 * one lists it here too, so the manifest and the code cannot drift.
 */
const SHORTCUTS: ReadonlyArray<{ callbackId: string; name: string; type: 'message' | 'global' }> = [
  { ...PORTFOLIO_SHORTCUTS.addFromMessage, type: 'message' },
];

const PLANNED_EVENTS: readonly string[] = [];

/** The parts of Slack's manifest schema (major_version 2) the app depends on. */
const manifestSchema = z.object({
  _metadata: z.object({ major_version: z.literal(2) }),
  display_information: z.object({
    name: z.string(),
    description: z.string().optional(),
    long_description: z.string().optional(),
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
        url: z.string().optional(),
        description: z.string(),
        usage_hint: z.string().optional(),
        should_escape: z.boolean(),
      }),
    ),
    shortcuts: z
      .array(
        z.object({
          name: z.string(),
          type: z.enum(['message', 'global']),
          callback_id: z.string(),
          description: z.string(),
        }),
      )
      .optional(),
  }),
  oauth_config: z.object({
    redirect_urls: z.array(z.string()).optional(),
    scopes: z.object({ bot: z.array(z.string()) }),
  }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string().optional(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string().optional() }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});

const read = (file: string) =>
  manifestSchema.parse(parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')));
const manifest = read('manifest.yml');
const socketText = readFileSync(new URL('../../manifest.socket.yml', import.meta.url), 'utf8');
const socketManifest = read('manifest.socket.yml');

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

  it('declares exactly the shortcuts the app listens for, within Slack limits', () => {
    const declared = (manifest.features.shortcuts ?? []).map((s) => ({
      callbackId: s.callback_id,
      name: s.name,
      type: s.type,
    }));
    expect(declared).toEqual(SHORTCUTS);
    for (const s of manifest.features.shortcuts ?? []) {
      expect(s.name.length).toBeLessThanOrEqual(24);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.description.length).toBeLessThanOrEqual(150);
      expect(s.callback_id).toMatch(/^[a-z0-9_]{1,255}$/);
    }
    // A shortcut needs interactivity, which sends its payload to the same URL.
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('the portfolio feature registers a listener for each shortcut it declares', () => {
    const registered: string[] = [];
    const recorder = {
      action: () => recorder,
      view: () => recorder,
      shortcut: (id: string) => {
        registered.push(id);
        return recorder;
      },
    };
    // register() only wires listeners; nothing in the edge is called here.
    const feature = createPortfolioFeature({} as PortfolioEdge, async () => 0);
    feature.register?.(recorder as unknown as App);
    expect(registered).toEqual(SHORTCUTS.map((s) => s.callbackId));
  });

  it('enables the Home tab and a writable Messages tab', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });

  it('redirects OAuth installs to /slack/oauth_redirect', () => {
    expect(manifest.oauth_config.redirect_urls?.length).toBeGreaterThan(0);
    for (const url of manifest.oauth_config.redirect_urls ?? [])
      expect(url).toMatch(/^https:\/\/[^/]+\/slack\/oauth_redirect$/);
  });

  it("stays within Slack's display limits", () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description?.length ?? 0).toBeLessThanOrEqual(140);
    // Slack's app directory wants 175-4000 characters here.
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });

  it('defaults to HTTP mode with one request URL (Socket Mode is an opt-in)', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });
});

describe('manifest.socket.yml (Socket Mode, for installs without a public URL)', () => {
  it('turns Socket Mode on and needs nothing replaced: no request URL, no YOUR-HOST', () => {
    expect(socketManifest.settings.socket_mode_enabled).toBe(true);
    expect(socketText).not.toContain('YOUR-HOST');
    expect(socketManifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(socketManifest.settings.interactivity).toEqual({ is_enabled: true });
    expect(socketManifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('is manifest.yml in every other respect: command, scopes, events, tabs and texts', () => {
    const withoutTransport = (m: typeof manifest) => ({
      display: m.display_information,
      appHome: m.features.app_home,
      botUser: m.features.bot_user,
      commands: m.features.slash_commands.map(({ url: _url, ...rest }) => rest),
      scopes: [...m.oauth_config.scopes.bot].sort(),
      events: [...m.settings.event_subscriptions.bot_events].sort(),
      interactive: m.settings.interactivity.is_enabled,
    });
    expect(withoutTransport(socketManifest)).toEqual(withoutTransport(manifest));
  });
});
