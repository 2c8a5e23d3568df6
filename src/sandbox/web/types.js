// @ts-check
/**
 * Shapes of the sandbox server's snapshot (see src/sandbox/snapshot.ts), for the page's checker.
 * @typedef {{ id: string, name: string, realName: string, tz: string, isAdmin: boolean, isBot: boolean }} Person
 * @typedef {{ id: string, name: string, title: string, url: string, isImage: boolean, preview?: string }} FileView
 * @typedef {{ ts: string, user: string, text: string, blocks?: unknown, files?: FileView[], ephemeral?: true, replies?: MessageView[] }} MessageView
 * @typedef {{ id: string, view: Record<string, unknown> }} HomeView
 * @typedef {{ id: string, view: Record<string, unknown>, depth: number, errors: Record<string, string>, banner: string | null }} ModalView
 * @typedef {{
 *   version: number,
 *   team: { id: string, name: string },
 *   me: string,
 *   bot: { id: string, name: string },
 *   people: Person[],
 *   channels: Array<{ id: string, name: string, members: number }>,
 *   dm: string,
 *   conversations: Record<string, MessageView[]>,
 *   home: HomeView | null,
 *   modal: ModalView | null,
 *   demo: { running: boolean, message: string | null },
 * }} Snapshot
 */
export {};
