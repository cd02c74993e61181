/**
 * @module A TLS front for a plain HTTP server on loopback, with a self-signed certificate made by
 * openssl: live-mode webhooks must call an https:// URL, and the test receivers speak plain HTTP.
 * The certificate is trusted by no one, so a test using it must let its process accept it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

export class TlsFront {
  readonly #server: Server;
  readonly #sockets = new Set<{ destroy(): void }>();

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Terminates TLS on a free loopback port and forwards the clear bytes to `targetPort`. */
  static async start(targetPort: number): Promise<TlsFront> {
    const dir = mkdtempSync(join(tmpdir(), 'carport-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (clear) => {
        const upstream = connect(targetPort, '127.0.0.1');
        clear.pipe(upstream).pipe(clear);
        clear.on('error', () => upstream.destroy());
        upstream.on('error', () => clear.destroy());
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const front = new TlsFront(server);
      server.on('secureConnection', (socket) => {
        front.#sockets.add(socket);
        socket.on('close', () => front.#sockets.delete(socket));
      });
      return front;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }
}
