/**
 * Socket Mode for the fake Slack, on the same HTTP server: `apps.connections.open` (called with an
 * app-level token) hands out a one-use `ws://…/socket-mode/<ticket>` URL; a client that connects
 * gets Slack's `hello`, then envelopes (`events_api`, `slash_commands`, `interactive`) that it must
 * acknowledge with `{ envelope_id, payload? }` within 3 seconds, as Slack requires. A missing
 * acknowledgement is recorded in the fake's violations and rejects the test's send.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { SlackAnswer } from './fake-slack-params.ts';
import { TEST_APP_ID } from './slack-signer.ts';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface Acknowledgement {
  envelopeId: string;
  /** What the app put in the ack (a slash command's response, a view submission's errors). */
  payload: Record<string, unknown> | undefined;
}

export interface FakeSocketMode {
  /** Lets `token` (xapp-…) open connections. */
  allowAppToken(token: string): void;
  /** Times apps.connections.open answered with a URL. */
  readonly opened: number;
  /** Sockets connected now. */
  connections(): number;
  /** Resolves once at least `count` sockets have connected since the start (polls every 20 ms). */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Sends an envelope on the newest socket; resolves with the app's acknowledgement. */
  send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options?: { ackTimeoutMs?: number },
  ): Promise<Acknowledgement>;
  /** Cuts every socket without a close frame, as a network drop or a Slack restart does. */
  dropAll(): void;
  /** apps.connections.open for the fake's method table. */
  connectionsOpen(token: string | undefined): SlackAnswer;
  close(): Promise<void>;
}

export function attachSocketMode(
  server: Server,
  baseUrl: () => string,
  violations: string[],
): FakeSocketMode {
  const appTokens = new Set<string>();
  const tickets = new Set<string>();
  const sockets: WebSocket[] = [];
  const pending = new Map<string, (ack: Acknowledgement) => void>();
  let opened = 0;
  let connectedTotal = 0;
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const ticket = /^\/socket-mode\/([\w-]+)$/.exec(new URL(req.url ?? '/', 'http://fake').pathname)?.[1];
    // A URL is good for one connection, as Slack's are.
    if (ticket === undefined || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      connectedTotal += 1;
      ws.on('close', () => {
        const index = sockets.indexOf(ws);
        if (index >= 0) sockets.splice(index, 1);
      });
      ws.on('message', (data) => {
        let message: { envelope_id?: unknown; payload?: unknown };
        try {
          message = JSON.parse(data.toString()) as typeof message;
        } catch {
          violations.push(
            `socket mode: the app sent something that is not JSON: ${data.toString().slice(0, 80)}`,
          );
          return;
        }
        const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
        const resolve = pending.get(id);
        if (!resolve) {
          violations.push(`socket mode: acknowledgement for unknown envelope ${id || '(none)'}`);
          return;
        }
        pending.delete(id);
        const payload = message.payload;
        resolve({
          envelopeId: id,
          payload:
            typeof payload === 'object' && payload !== null && Object.keys(payload).length > 0
              ? (payload as Record<string, unknown>)
              : undefined,
        });
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: sockets.length,
          debug_info: { host: 'fake-slack', approximate_connection_time: 18060 },
          connection_info: { app_id: TEST_APP_ID },
        }),
      );
    });
  });

  const mode: FakeSocketMode = {
    allowAppToken(token) {
      appTokens.add(token);
    },
    get opened() {
      return opened;
    },
    connections: () => sockets.filter((s) => s.readyState === s.OPEN).length,
    async waitForConnections(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (connectedTotal < count || mode.connections() === 0) {
        if (Date.now() > deadline)
          throw new Error(
            `socket mode: ${connectedTotal} connection(s) within ${timeoutMs} ms, wanted ${count}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    send(type, payload, options = {}) {
      const socket = [...sockets].reverse().find((s) => s.readyState === s.OPEN);
      if (!socket) return Promise.reject(new Error('socket mode: no connected socket to send on'));
      const envelopeId = randomUUID();
      const timeoutMs = options.ackTimeoutMs ?? 3000;
      return new Promise<Acknowledgement>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          const problem = `socket mode: ${type} envelope ${envelopeId} not acknowledged within ${timeoutMs} ms`;
          violations.push(problem);
          reject(new Error(problem));
        }, timeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
          }),
        );
      });
    },
    dropAll() {
      for (const socket of [...sockets]) socket.terminate();
    },
    connectionsOpen(token) {
      if (token === undefined || token === '') return { ok: false, error: 'not_authed' };
      if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
      if (!appTokens.has(token)) return { ok: false, error: 'invalid_auth' };
      const ticket = randomUUID();
      tickets.add(ticket);
      opened += 1;
      return { ok: true, url: `${baseUrl().replace(/^http/, 'ws')}/socket-mode/${ticket}` };
    },
    async close() {
      for (const socket of [...sockets]) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return mode;
}
