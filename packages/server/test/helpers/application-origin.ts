/**
 * @module A third-party application's own web server on another loopback origin: it receives
 * Connect's redirect at `/callback` exactly as a real application would, so browser tests cover what
 * crosses origins (CSP `form-action`, cookies, redirects) instead of Carport's own demo callback.
 */
import { createServer, type Server } from 'node:http';

export interface ApplicationOrigin {
  /** `http://127.0.0.1:<port>`: same host as Carport, another port, hence another origin. */
  readonly origin: string;
  /** The application's registered redirect URI. */
  readonly redirectUri: string;
  /** Query parameters of every callback received, in order. */
  readonly callbacks: Record<string, string>[];
  close(): Promise<void>;
}

/** Starts the application's server; `/callback` answers a small page showing what it received. */
export async function startApplicationOrigin(): Promise<ApplicationOrigin> {
  const callbacks: Record<string, string>[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://application.invalid');
    if (url.pathname !== '/callback') {
      response.writeHead(204).end();
      return;
    }
    const params = Object.fromEntries(url.searchParams);
    callbacks.push(params);
    const outcome = params.error === undefined ? 'connected' : params.error;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Callback</title><link rel="icon" href="data:,"><p id="outcome">${outcome.replace(/[^a-z_]/g, '')}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the application server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    redirectUri: `${origin}/callback`,
    callbacks,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
