/**
 * @module Keeps a fuzz run on loopback. Fuzzed webhook bodies carry callback URLs, and creating or
 * verifying a webhook calls its URL at once; a generated URL must never make this process reach a
 * real host or ask a DNS server about one. Every socket connection to anything but loopback fails
 * as refused before it is attempted (host names other than `localhost` are never resolved).
 */
import net, { isIP } from 'node:net';

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;

/** The host a `Socket.connect` call names, or undefined for a local (IPC) path. */
function targetHost(args: readonly unknown[]): string | undefined {
  // `net.createConnection` passes its normalised arguments as one array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first !== null && typeof first === 'object') {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string') return undefined;
    return typeof options.host === 'string' ? options.host : 'localhost';
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined;
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare.startsWith('::ffff:127.');
}

/** Refuses non-loopback connections until the returned function is called. */
export function refuseOutboundConnections(): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(net.Socket.prototype, 'connect');
  const original = descriptor?.value as Connect | undefined;
  if (descriptor === undefined || original === undefined) throw new Error('net.Socket has no connect method to guard');
  const guarded: Connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const host = targetHost(args);
    if (host === undefined || isLoopback(host)) return original.apply(this, args);
    process.nextTick(() => {
      this.destroy(Object.assign(new Error(`the fuzzer refused a connection to ${host}`), { code: 'ECONNREFUSED' }));
    });
    return this;
  };
  Object.defineProperty(net.Socket.prototype, 'connect', { ...descriptor, value: guarded });
  return () => {
    Object.defineProperty(net.Socket.prototype, 'connect', descriptor);
  };
}
