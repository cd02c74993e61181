/**
 * @module The server's port, taken before start-up creates or prints anything, so a port another
 * process holds fails the start with no trace left behind. Requests that arrive while start-up
 * finishes (migrations, the demo application) wait for the app instead of being refused.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { StartupError } from '../app/startup-error.js';
import type { ServerTimeoutOptions } from './server-timeouts.js';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Fastify's defaults for the servers it creates itself (keep idle connections 72 s, no limit on a
 * request's duration), so taking the port first changes nothing for clients.
 */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;
const REQUEST_TIMEOUT_MS = 0;

/** A bound, listening port whose requests wait until {@link HeldPort.serve} names their handler. */
export interface HeldPort {
  readonly server: Server;
  /** The URL the port answers on, e.g. `http://127.0.0.1:8080` (useful with `PORT=0`). */
  readonly address: string;
  /** Hands every request, those waiting first, to `handler` from now on. */
  serve(handler: RequestHandler): void;
  /** Stops accepting connections; resolves once every open connection has ended. */
  close(): Promise<void>;
}

function urlOf(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the HTTP server is not listening on a TCP port');
  // Wildcard addresses are shown as the loopback address a local client uses.
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * Binds `host:port` and returns it held.
 * @throws StartupError naming the port and PORT when another process listens on it.
 */
export async function holdPort(port: number, host: string, timeouts?: ServerTimeoutOptions): Promise<HeldPort> {
  const waiting: [IncomingMessage, ServerResponse][] = [];
  let handler: RequestHandler | undefined;
  const server = createServer(timeouts?.http ?? {}, (request, response) => {
    if (handler === undefined) waiting.push([request, response]);
    else handler(request, response);
  });
  server.keepAliveTimeout = timeouts?.keepAliveTimeout ?? KEEP_ALIVE_TIMEOUT_MS;
  server.requestTimeout = timeouts?.requestTimeout ?? REQUEST_TIMEOUT_MS;
  if (timeouts !== undefined) {
    // The server is created here, not by Fastify, so the connection bounds are set here too.
    server.timeout = timeouts.connectionTimeout;
    server.maxRequestsPerSocket = timeouts.maxRequestsPerSocket;
  }
  await new Promise<void>((resolve, reject) => {
    const refuse = (error: NodeJS.ErrnoException): void => {
      reject(error.code === 'EADDRINUSE' ? new StartupError(`port ${port} is in use; set PORT=... (or stop the other process)`, { cause: error }) : error);
    };
    server.once('error', refuse);
    server.listen({ port, host }, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    server,
    address: urlOf(server),
    serve(next) {
      handler = next;
      for (const [request, response] of waiting.splice(0)) next(request, response);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        // Requests still waiting when start-up failed have no app to answer them.
        for (const [request] of waiting.splice(0)) request.socket.destroy();
        server.close(() => {
          resolve();
        });
      });
      return closing;
    },
  };
}
