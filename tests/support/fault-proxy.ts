/**
 * A TCP proxy that sits between the app and Postgres or Redis and breaks the network on demand,
 * the way production networks break:
 *
 * - `cut()`: every open connection is reset at once (a failover, a restarted server, a NAT that
 *   forgot the flow). New connections pass.
 * - `refuse()`: like `cut()`, and new connections are reset as soon as they open (the server is
 *   down) until `restore()`.
 * - `stall()`: connections stay open but no byte moves either way until `restore()`, when the
 *   held bytes flow again (a congested or paused link: TCP keeps retransmitting).
 * - `blackhole()`: a partition. Bytes on open connections are dropped and never delivered, and
 *   new connections are accepted but never reach the server. Connections black-holed once stay
 *   dead after `restore()` (the server side forgot them), so a client must notice and reconnect;
 *   only connections opened after `restore()` work.
 *
 * The app is pointed at `proxy.url(realUrl)`, which swaps host and port for the proxy's.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

export type FaultMode = 'pass' | 'refuse' | 'stall' | 'blackhole';

export interface FaultProxy {
  readonly port: number;
  readonly mode: FaultMode;
  /** `realUrl` with its host and port replaced by the proxy's (user, path and query kept). */
  url(realUrl: string): string;
  cut(): void;
  refuse(): void;
  stall(): void;
  blackhole(): void;
  restore(): void;
  /** Connections currently open through the proxy (any state). */
  openConnections(): number;
  /** Connections accepted since start, for "did the client reconnect?" checks. */
  acceptedConnections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
  /** Data of this pair is dropped for good (it was open during a blackhole). */
  dead: boolean;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let accepted = 0;
  const pairs = new Set<Pair>();

  const destroy = (pair: Pair) => {
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };

  /** Forwards `from` → `to` unless the pair is dead (dropped) or the proxy stalls (paused). */
  const forward = (pair: Pair, from: Socket, to: () => Socket | undefined) => {
    from.on('data', (chunk: Buffer) => {
      if (pair.dead) return;
      const target = to();
      if (!target) return;
      if (!target.write(chunk)) {
        from.pause();
        target.once('drain', () => {
          if (mode !== 'stall') from.resume();
        });
      }
    });
  };

  const openUpstream = (pair: Pair) => {
    const upstream = tcpConnect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => destroy(pair));
    upstream.on('close', () => destroy(pair));
    forward(pair, upstream, () => pair.client);
    if (mode === 'stall') upstream.pause();
  };

  const server: Server = createServer((client) => {
    accepted++;
    const pair: Pair = { client, upstream: undefined, dead: false };
    pairs.add(pair);
    client.on('error', () => destroy(pair));
    client.on('close', () => destroy(pair));
    if (mode === 'refuse') {
      // A reset, as a host with nothing listening answers: the client sees ECONNRESET.
      client.resetAndDestroy();
      pairs.delete(pair);
      return;
    }
    forward(pair, client, () => pair.upstream);
    if (mode === 'blackhole') {
      // Accepted, never connected upstream: the client waits for a server that never answers.
      pair.dead = true;
      return;
    }
    if (mode === 'stall') client.pause();
    openUpstream(pair);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy has no port');
  const port = address.port;

  const setPaused = (paused: boolean) => {
    for (const pair of pairs) {
      for (const socket of [pair.client, pair.upstream]) {
        if (!socket) continue;
        if (paused) socket.pause();
        else socket.resume();
      }
    }
  };

  return {
    port,
    get mode() {
      return mode;
    },
    url(realUrl) {
      const url = new URL(realUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    cut() {
      for (const pair of [...pairs]) destroy(pair);
    },
    refuse() {
      mode = 'refuse';
      for (const pair of [...pairs]) destroy(pair);
    },
    stall() {
      mode = 'stall';
      setPaused(true);
    },
    blackhole() {
      mode = 'blackhole';
      for (const pair of pairs) pair.dead = true;
      // Keep reading (and dropping) so the client's writes do not back up: a partition swallows.
      setPaused(false);
    },
    restore() {
      const wasStalled = mode === 'stall';
      mode = 'pass';
      if (wasStalled) setPaused(false);
    },
    openConnections: () => pairs.size,
    acceptedConnections: () => accepted,
    async close() {
      for (const pair of [...pairs]) destroy(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Host and port of a postgres:// or redis:// URL. */
export function hostPortOf(realUrl: string, defaultPort: number): { host: string; port: number } {
  const url = new URL(realUrl);
  return { host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : defaultPort };
}
