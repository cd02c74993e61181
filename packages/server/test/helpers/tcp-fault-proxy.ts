/**
 * @module A TCP proxy a test controls, standing between Carport and a real server (PostgreSQL,
 * Redis) to inject what networks do: reset every connection, freeze traffic, refuse new connections.
 */
import { createServer, Socket, type Server } from 'node:net';

export type ProxyMode = 'pass' | 'freeze' | 'refuse' | 'mute';

export interface TcpFaultProxy {
  /** `127.0.0.1:<port>` of the proxy. */
  readonly host: string;
  readonly port: number;
  /** Sends a TCP reset on every open connection, both ways, as a crashed middlebox would. */
  reset(): void;
  /**
   * `freeze`: accept and hold connections but forward nothing; `refuse`: reset new connections at
   * once; `mute`: forward what clients send but drop what the server answers (a reply lost on its way back).
   */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port forwarding to `target`. */
export async function startTcpFaultProxy(target: { host: string; port: number }): Promise<TcpFaultProxy> {
  let mode: ProxyMode = 'pass';
  const open = new Set<Socket>();
  const track = (socket: Socket): void => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // Errors end the pair; they are the faults this proxy exists to cause.
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    track(upstream);
    upstream.connect(target.port, target.host);
    const forward = (from: Socket, to: Socket, direction: 'request' | 'reply'): void => {
      from.on('data', (chunk: Buffer) => {
        // Frozen: the bytes vanish, as on a partitioned network; neither side learns anything.
        if (mode !== 'freeze' && !(mode === 'mute' && direction === 'reply')) to.write(chunk);
      });
      from.on('close', () => to.destroy());
    };
    forward(client, upstream, 'request');
    forward(upstream, client, 'reply');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    reset: () => {
      for (const socket of open) socket.resetAndDestroy();
    },
    setMode: (next) => {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
